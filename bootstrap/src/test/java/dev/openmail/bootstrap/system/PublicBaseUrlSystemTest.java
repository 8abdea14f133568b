package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OPENMAIL_PUBLIC_BASE_URL: the address that the links the API hands out start with. */
class PublicBaseUrlSystemTest {

    @Test
    @SuppressWarnings("unchecked")
    void attachmentUrlsStartWithTheConfiguredBaseUrl() {
        try (RunningServer server = RunningServer.start(TestDatabase.h2(), Map.of(
                "openmail.admin-token", RunningServer.ADMIN_TOKEN,
                "openmail.public-base-url", "https://mail.example.com/openmail/"))) {
            Account account = server.openAccount();
            String from = server.post("/v1/inboxes", account.token(), "{}").string("id");
            Reply to = server.post("/v1/inboxes", account.token(), "{}");
            String boundary = "----openmail" + UUID.randomUUID();
            String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n" + to.string("address")
                    + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nFile\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nAttached.\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"a b.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\ntext\r\n--" + boundary + "--\r\n";
            Reply sent = server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri("/v1/inboxes/" + from + "/send"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)), account.token()));
            assertEquals(200, sent.status(), sent.body());

            Map<String, Object> received = server.get("/v1/inboxes/" + to.string("id") + "/messages", account.token())
                    .data().get(0);
            Map<String, Object> attachment = ((List<Map<String, Object>>) received.get("attachments")).get(0);
            assertEquals("https://mail.example.com/openmail/v1/attachments/" + received.get("id") + "/a%20b.txt",
                    attachment.get("url"));
        }
    }

    @Test
    void aBaseUrlThatIsNotAnAbsoluteHttpUrlStopsTheStart() {
        for (String wrong : List.of("mail.example.com", "ftp://mail.example.com", "https://mail.example.com/?x=1")) {
            RuntimeException failure = assertThrows(RuntimeException.class, () -> RunningServer.start(TestDatabase.h2(),
                    Map.of("openmail.public-base-url", wrong)).close(), wrong);
            StringBuilder messages = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertTrue(messages.toString().contains("OPENMAIL_PUBLIC_BASE_URL"), messages.toString());
        }
    }
}
