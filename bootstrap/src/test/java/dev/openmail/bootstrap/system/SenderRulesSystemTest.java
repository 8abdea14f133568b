package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.port.out.LoadEvents;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sender rules over real SMTP: every message below is accepted by the listener (Transport.send returns only after
 * 250), and a filtered one is stored in no inbox, records no event and counts a hit for the rule that blocked it.
 */
class SenderRulesSystemTest {

    private final RunningServer server = RunningServer.shared();

    private record Inbox(String id, String address) {
    }

    private Inbox inbox(Account account, String podIdOrNull) {
        Reply inbox = server.post("/v1/inboxes", account.token(),
                podIdOrNull == null ? "{}" : "{\"podId\":\"" + podIdOrNull + "\"}");
        assertEquals(201, inbox.status(), inbox.body());
        return new Inbox(inbox.string("id"), inbox.string("address"));
    }

    private String rule(Account account, String type, String value) {
        Reply rule = server.post("/v1/sender-rules", account.token(),
                "{\"type\":\"" + type + "\",\"value\":\"" + value + "\"}");
        assertEquals(201, rule.status(), rule.body());
        return rule.string("id");
    }

    private void mode(Account account, String query, String mode) {
        Reply set = server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri("/v1/sender-rules/mode"
                        + query)), account.token()).PUT(HttpRequest.BodyPublishers.ofString("{\"filterMode\":\"" + mode
                        + "\"}")).header("Content-Type", "application/json"));
        assertEquals(200, set.status(), set.body());
    }

    private void send(String from, String envelopeSender, Inbox... to) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        properties.put("mail.smtp.from", envelopeSender);
        MimeMessage mail = new MimeMessage(Session.getInstance(properties));
        mail.setFrom(new InternetAddress(from));
        Address[] recipients = new Address[to.length];
        for (int i = 0; i < to.length; i++) {
            recipients[i] = new InternetAddress(to[i].address());
        }
        mail.setRecipients(RecipientType.TO, recipients);
        mail.setSubject("from " + from, "UTF-8");
        mail.setText("hello", "UTF-8");
        mail.saveChanges();
        Transport.send(mail, recipients);
    }

    /** The From addresses of the inbox's messages, oldest first. */
    private List<String> senders(Account account, Inbox inbox) {
        Reply messages = server.get("/v1/inboxes/" + inbox.id() + "/messages", account.token());
        assertEquals(200, messages.status(), messages.body());
        return messages.data().stream().map(message -> String.valueOf(message.get("fromAddr"))).sorted().toList();
    }

    private int events(Account account) {
        return server.context().getBean(LoadEvents.class).ofAccount(new AccountId(account.id()), 100).size();
    }

    private long hits(String ruleId) {
        return server.queryForLong("SELECT COALESCE(SUM(hits), 0) FROM sender_rule_hits WHERE rule_id = ?", ruleId);
    }

    @Test
    void aBlockedSenderIsAcceptedButStoredNowhereWithoutAnEvent() throws Exception {
        Account account = server.openAccount();
        Inbox inbox = inbox(account, null);
        String block = rule(account, "block", "Spam.Example");

        send("Mallory <mallory@SPAM.example>", "mallory@spam.example", inbox);
        send("alice@ham.example", "alice@ham.example", inbox);

        assertEquals(List.of("alice@ham.example"), senders(account, inbox));
        assertEquals(1, events(account), "no event for the filtered message");
        assertEquals(1, hits(block));
    }

    @Test
    void inAllowlistModeOnlyAllowedSendersGetThrough() throws Exception {
        Account account = server.openAccount();
        Inbox inbox = inbox(account, null);
        rule(account, "allow", "friend.example");
        rule(account, "allow", "bob@partner.example");
        mode(account, "", "allowlist");

        send("carol@friend.example", "carol@friend.example", inbox);
        send("bob@partner.example", "bob@partner.example", inbox);
        send("eve@partner.example", "eve@partner.example", inbox);
        send("dan@stranger.example", "dan@stranger.example", inbox);

        assertEquals(List.of("bob@partner.example", "carol@friend.example"), senders(account, inbox));
        assertEquals(2, events(account));
    }

    @Test
    void blockWinsOverAllow() throws Exception {
        Account account = server.openAccount();
        Inbox inbox = inbox(account, null);
        rule(account, "allow", "friend.example");
        String block = rule(account, "block", "mallory@friend.example");
        mode(account, "", "allowlist");

        send("mallory@friend.example", "mallory@friend.example", inbox);
        send("carol@friend.example", "carol@friend.example", inbox);

        assertEquals(List.of("carol@friend.example"), senders(account, inbox));
        assertEquals(1, hits(block));
    }

    @Test
    void theEnvelopeSenderIsMatchedAsTheFromIs() throws Exception {
        Account account = server.openAccount();
        Inbox inbox = inbox(account, null);
        String block = rule(account, "block", "bulk.example");

        send("news@brand.example", "bounces@bulk.example", inbox);
        send("news@brand.example", "bounces@brand.example", inbox);

        assertEquals(1, senders(account, inbox).size());
        assertEquals(1, events(account));
        assertEquals(1, hits(block));
    }

    @Test
    void aPodsRulesAndModeApplyToItsInboxesOnly() throws Exception {
        Account account = server.openAccount();
        Reply pod = server.post("/v1/pods", account.token(), "{}");
        assertEquals(201, pod.status(), pod.body());
        String podId = pod.string("id");
        Inbox inPod = inbox(account, podId);
        Inbox outside = inbox(account, null);
        Reply allow = server.post("/v1/sender-rules", account.token(),
                "{\"type\":\"allow\",\"value\":\"customer.example\",\"podId\":\"" + podId + "\"}");
        assertEquals(201, allow.status(), allow.body());
        mode(account, "?podId=" + podId, "allowlist");

        send("x@customer.example", "x@customer.example", inPod, outside);
        send("y@stranger.example", "y@stranger.example", inPod, outside);

        assertEquals(List.of("x@customer.example"), senders(account, inPod));
        assertEquals(List.of("x@customer.example", "y@stranger.example"), senders(account, outside));
        assertEquals(3, events(account));
    }
}
