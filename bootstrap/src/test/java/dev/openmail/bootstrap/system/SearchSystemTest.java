package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.Eventually;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Search end to end on the shared server (the MySQL-family database and its FULLTEXT index): mail arrives over SMTP
 * and is found by a word, a phrase, from:, has:attachment and is:unread, its attachment's text once read; a pod key
 * and an inbox key find only what they reach, and another account never finds it.
 */
class SearchSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static RunningServer server;
    private static Account account;
    private static Account stranger;
    private static String pod;
    private static String inboxInPod;
    private static String inboxInDefaultPod;
    private static String strangersInbox;
    /** A word of this run only, so that mail other tests left on the shared database never matches. */
    private static String harbour;

    @BeforeAll
    static void mailArrives() throws Exception {
        server = RunningServer.shared();
        account = server.openAccount();
        stranger = server.openAccount();
        harbour = "harbour" + Long.toString(System.nanoTime(), 36);
        pod = created(server.post("/v1/pods", account.token(), "{\"clientId\":\"search-" + harbour + "\"}"));
        inboxInPod = created(server.post("/v1/inboxes", account.token(), "{\"podId\":\"" + pod + "\"}"));
        inboxInDefaultPod = created(server.post("/v1/inboxes", account.token(), "{}"));
        strangersInbox = created(server.post("/v1/inboxes", stranger.token(), "{}"));

        send(address(inboxInPod, account), "alice@example.org", "Quarterly forecast",
                "The " + harbour + " expansion budget is approved.", "minutes.txt",
                "Committee minutes mention the lighthouse-" + harbour + ".");
        send(address(inboxInDefaultPod, account), "bob@example.net", "Lunch menu",
                "Soup and " + harbour + " salad.", null, null);
        send(address(strangersInbox, stranger), "alice@example.org", "Quarterly forecast",
                "The " + harbour + " expansion budget is approved.", null, null);
        // The attachment's text is added to its message's search document in the background; until then a test could
        // search while that document is being rewritten. Every test starts once it has been.
        assertTrue(Eventually.holds(() -> subjects(search(account.token(), "\"lighthouse " + harbour + "\""))
                .equals(List.of("Quarterly forecast")), WAIT), "the attachment's text is found once it is read");
    }

    @Test
    void wordsPhrasesSendersAttachmentsAndTheReadMarkFindTheMail() {
        assertEquals(List.of("Lunch menu", "Quarterly forecast"), subjects(search(account.token(), harbour)));
        assertEquals(List.of("Quarterly forecast"),
                subjects(search(account.token(), "\"" + harbour + " expansion budget\"")));
        assertEquals(List.of(), subjects(search(account.token(), "\"budget " + harbour + " expansion\"")));
        assertEquals(List.of("Quarterly forecast"), subjects(search(account.token(), harbour + " from:ALICE@")));
        assertEquals(List.of("Lunch menu"), subjects(search(account.token(), harbour + " from:example.net")));
        assertEquals(List.of("Quarterly forecast"), subjects(search(account.token(), harbour + " has:attachment")));
        assertEquals(List.of("Quarterly forecast"), subjects(search(account.token(), harbour + " minutes")),
                "the file name is searched");
        assertTrue(Eventually.holds(() -> subjects(search(account.token(), "\"lighthouse " + harbour + "\""))
                .equals(List.of("Quarterly forecast")), WAIT), "the attachment's text is found once it is read");
    }

    @Test
    void isUnreadFollowsTheThreadsMark() {
        String owner = account.token();
        Reply lunch = server.get("/v1/inboxes/" + inboxInDefaultPod + "/messages?q=" + encoded(harbour + " lunch"),
                owner);
        assertEquals(1, lunch.total(), lunch.body());
        String thread = (String) lunch.data().get(0).get("threadId");
        assertEquals(List.of("Lunch menu", "Quarterly forecast"), subjects(search(owner, harbour + " is:unread")));

        assertEquals(200, server.patch("/v1/threads/" + thread, owner, "{\"is_read\":true}").status());

        assertEquals(List.of("Quarterly forecast"), subjects(search(owner, harbour + " is:unread")));
        assertEquals(200, server.patch("/v1/threads/" + thread, owner, "{\"is_read\":false}").status());
    }

    @Test
    void aPodKeyAndAnInboxKeyFindOnlyTheirOwnAndAnotherAccountNeverFindsIt() {
        String podKey = created(server.post("/v1/pods/" + pod + "/api-keys", account.token(), "{}"), "token");
        String inboxKey = created(server.post("/v1/inboxes/" + inboxInDefaultPod + "/api-keys", account.token(),
                "{}"), "token");

        assertEquals(List.of("Quarterly forecast"), subjects(search(podKey, harbour)));
        assertEquals(List.of("Lunch menu"), subjects(search(inboxKey, harbour)));
        Reply crossing = server.get("/v1/inboxes/" + inboxInPod + "/messages?q=" + harbour, inboxKey);
        assertEquals(403, crossing.status(), crossing.body());
        assertEquals(List.of("Quarterly forecast"), subjects(search(stranger.token(), harbour)));
        assertEquals(1, search(stranger.token(), harbour).total());
        Reply foreign = server.get("/v1/inboxes/" + inboxInPod + "/messages?q=" + harbour, stranger.token());
        assertEquals(404, foreign.status(), foreign.body());
    }

    @Test
    void aDeletedInboxsMailIsNoLongerFound() throws Exception {
        String doomed = created(server.post("/v1/inboxes", account.token(), "{}"));
        String word = "doomed" + Long.toString(System.nanoTime(), 36);
        send(address(doomed, account), "carol@example.com", "Farewell", "Goodbye " + word, null, null);
        assertEquals(1, search(account.token(), word).total());

        assertEquals(204, server.delete("/v1/inboxes/" + doomed, account.token()).status());

        assertEquals(0, search(account.token(), word).total());
    }

    @Test
    void anUnknownOperatorIsRefused() {
        Reply reply = search(account.token(), harbour + " to:bob");

        assertEquals(400, reply.status(), reply.body());
        assertEquals("unknown_search_operator", reply.error());
    }

    private static Reply search(String token, String query) {
        return server.get("/v1/search?q=" + encoded(query), token);
    }

    private static List<String> subjects(Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        return reply.data().stream().map(message -> (String) message.get("subject")).toList();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String created(Reply reply) {
        return created(reply, "id");
    }

    private static String created(Reply reply, String field) {
        assertEquals(201, reply.status(), reply.body());
        return reply.string(field);
    }

    private static String address(String inbox, Account owner) {
        return server.get("/v1/inboxes/" + inbox, owner.token()).string("address");
    }

    private static void send(String to, String from, String subject, String body, String filename, String fileText)
            throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        MimeMessage mail = new MimeMessage(Session.getInstance(properties));
        mail.setFrom(new InternetAddress(from));
        mail.setRecipients(RecipientType.TO, to);
        mail.setSubject(subject, "UTF-8");
        if (filename == null) {
            mail.setText(body, "UTF-8");
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(body, "UTF-8");
            MimeBodyPart file = new MimeBodyPart();
            file.setText(fileText, "UTF-8");
            file.setFileName(filename);
            file.setDisposition(MimeBodyPart.ATTACHMENT);
            mail.setContent(new MimeMultipart(text, file));
        }
        mail.saveChanges();
        Transport.send(mail);
    }
}
