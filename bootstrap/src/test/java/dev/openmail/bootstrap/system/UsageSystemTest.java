package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storage usage and quotas end to end: counters after mail received over SMTP and sent through the API, what each
 * kind of key sees of them, and the refusals of mail over quota (at RCPT TO, after DATA, and of a send), after which
 * the server still serves other tenants.
 */
class UsageSystemTest {

    private static final String ADMIN = RunningServer.ADMIN_TOKEN;

    private final RunningServer server = RunningServer.shared();

    private record Inbox(String id, String address) {
    }

    private Inbox inbox(Account account, String podIdOrNull) {
        Reply inbox = server.post("/v1/inboxes", account.token(),
                podIdOrNull == null ? "{}" : "{\"podId\":\"" + podIdOrNull + "\"}");
        assertEquals(201, inbox.status(), inbox.body());
        return new Inbox(inbox.string("id"), inbox.string("address"));
    }

    private Map<String, Object> usageOf(Account account, Inbox inbox) {
        Reply usage = server.get("/v1/usage?limit=100", account.token());
        assertEquals(200, usage.status(), usage.body());
        return usage.data().stream().filter(row -> inbox.id().equals(row.get("inboxId"))).findFirst()
                .orElseThrow(() -> new AssertionError(inbox.id() + " not in " + usage.body()));
    }

    private static long number(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).longValue();
    }

    private long storedBytes(Account account, Inbox inbox) {
        return number(usageOf(account, inbox), "storedBytes");
    }

    private int messages(Account account, Inbox inbox) {
        Reply messages = server.get("/v1/inboxes/" + inbox.id() + "/messages", account.token());
        assertEquals(200, messages.status(), messages.body());
        return (int) messages.total();
    }

    private void setQuota(Account account, String bytesOrNull) {
        Reply patched = server.patch("/admin/v1/accounts/" + account.id(), ADMIN,
                "{\"storageQuotaBytes\":" + bytesOrNull + "}");
        assertEquals(200, patched.status(), patched.body());
    }

    static byte[] message(String to, int bodyBytes) {
        String body = ("quota test line\r\n").repeat(bodyBytes / 17 + 1);
        return ("From: alice@sender.example\r\nTo: " + to + "\r\nSubject: usage\r\nMessage-ID: <"
                + UUID.randomUUID() + "@sender.example>\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    private Reply sendFromApi(Account account, Inbox from, String to) {
        return server.send(RunningServer.authorized(HttpRequest.newBuilder(server.uri("/v1/inboxes/" + from.id()
                        + "/send")).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + to + "\",\"subject\":\"out\",\"body\":\"hi\"}")),
                account.token()));
    }

    @Test
    void usageCountsMailReceivedAndSentAndEachKeySeesItsOwnReach() throws IOException {
        Account account = server.openAccount();
        Reply pod = server.post("/v1/pods", account.token(), "{}");
        assertEquals(201, pod.status(), pod.body());
        Inbox first = inbox(account, null);
        Inbox second = inbox(account, pod.string("id"));
        try (Smtp smtp = new Smtp(server.smtpPort())) {
            assertTrue(smtp.send(List.of(first.address()), message(first.address(), 2000)).startsWith("250"));
        }
        assertEquals(200, sendFromApi(account, first, second.address()).status());

        Reply usage = server.get("/v1/usage", account.token());
        assertEquals(200, usage.status(), usage.body());
        assertEquals(2, usage.total());
        Map<String, Object> firstRow = usageOf(account, first);
        Map<String, Object> secondRow = usageOf(account, second);
        assertEquals(1, number(firstRow, "inboundMessages"));
        assertEquals(1, number(firstRow, "outboundMessages"));
        assertEquals(1, number(secondRow, "inboundMessages"));
        assertEquals(0, number(secondRow, "outboundMessages"));
        assertEquals(pod.string("id"), secondRow.get("podId"));
        assertEquals(1L << 30, number(firstRow, "quotaBytes"), "OPENMAIL_INBOX_STORAGE_QUOTA's default");
        // the counters hold what the rows hold: raw messages plus attachments as stored
        for (Inbox inbox : List.of(first, second)) {
            long stored = server.queryForLong("SELECT COALESCE(SUM(OCTET_LENGTH(raw)), 0) FROM messages"
                    + " WHERE inbox_id = ?", inbox.id()) + server.queryForLong("SELECT COALESCE(SUM(a.size_bytes), 0)"
                    + " FROM attachments a JOIN messages m ON m.account_id = a.account_id AND m.id = a.message_id"
                    + " WHERE m.inbox_id = ?", inbox.id());
            assertEquals(stored, storedBytes(account, inbox), inbox.id());
        }
        long total = storedBytes(account, first) + storedBytes(account, second);
        assertEquals(total, ((Number) usage.at("account.storedBytes")).longValue());
        assertEquals(2L, ((Number) usage.at("account.inboundMessages")).longValue());
        assertEquals(1L, ((Number) usage.at("account.outboundMessages")).longValue());
        assertEquals(10L << 30, ((Number) usage.at("account.quotaBytes")).longValue());

        Reply podKey = server.post("/v1/pods/" + pod.string("id") + "/api-keys", account.token(), "{}");
        assertEquals(201, podKey.status(), podKey.body());
        Reply seenByPod = server.get("/v1/usage", podKey.string("token"));
        assertEquals(200, seenByPod.status(), seenByPod.body());
        assertEquals(List.of(second.id()), seenByPod.data().stream().map(row -> row.get("inboxId")).toList());
        assertNull(seenByPod.object().get("account"), "the account's totals are for account-wide keys");
        Reply inboxKey = server.post("/v1/inboxes/" + first.id() + "/api-keys", account.token(), "{}");
        assertEquals(201, inboxKey.status(), inboxKey.body());
        Reply seenByInbox = server.get("/v1/usage", inboxKey.string("token"));
        assertEquals(List.of(first.id()), seenByInbox.data().stream().map(row -> row.get("inboxId")).toList());
        assertEquals(1, seenByInbox.total());

        Reply unknownPod = server.get("/v1/usage?podId=" + "no%20such%20pod", account.token());
        assertEquals(200, unknownPod.status(), unknownPod.body());
        assertEquals(0, unknownPod.total());
        assertEquals(total, ((Number) unknownPod.at("account.storedBytes")).longValue());
        Reply onePod = server.get("/v1/usage?podId=" + pod.string("id"), account.token());
        assertEquals(List.of(second.id()), onePod.data().stream().map(row -> row.get("inboxId")).toList());
        Reply badPage = server.get("/v1/usage?offset=-1", account.token());
        assertEquals(400, badPage.status(), badPage.body());
        assertEquals("bad_request", badPage.error());

        assertEquals(204, server.delete("/v1/inboxes/" + second.id(), account.token()).status());
        Reply after = server.get("/v1/usage", account.token());
        assertEquals(storedBytes(account, first), ((Number) after.at("account.storedBytes")).longValue(),
                "deleting an inbox gives its bytes back");
    }

    @Test
    void mailOverTheQuotaIsRefusedWholeWhileOtherTenantsAreServed() throws IOException {
        Account full = server.openAccount();
        Inbox one = inbox(full, null);
        Inbox two = inbox(full, null);
        Account neighbour = server.openAccount();
        Inbox theirs = inbox(neighbour, null);
        try (Smtp smtp = new Smtp(server.smtpPort())) {
            assertTrue(smtp.send(List.of(one.address()), message(one.address(), 1000)).startsWith("250"));
            long held = storedBytes(full, one);
            setQuota(full, String.valueOf(held + 500));

            String dataRefused = smtp.send(List.of(one.address(), two.address()), message(one.address(), 1000));
            assertTrue(dataRefused.startsWith("452 4.2.2"), dataRefused);
            assertEquals(1, messages(full, one));
            assertEquals(0, messages(full, two), "nothing half-stored");
            assertEquals(held, storedBytes(full, one));

            String tooLarge = smtp.send(List.of(two.address()), message(two.address(), 5000));
            assertTrue(tooLarge.startsWith("552 5.2.2"), tooLarge);

            setQuota(full, String.valueOf(held));
            String rcptRefused = smtp.send(List.of(two.address()), message(two.address(), 10));
            assertTrue(rcptRefused.startsWith("452 4.2.2"), rcptRefused);

            // the server still answers the other tenant, over SMTP and the API
            assertTrue(smtp.send(List.of(theirs.address()), message(theirs.address(), 1000)).startsWith("250"));
            assertEquals(1, messages(neighbour, theirs));
            assertEquals(200, server.get("/v1/inboxes", neighbour.token()).status());

            Reply refusedSend = sendFromApi(full, one, "bob@example.org");
            assertEquals(422, refusedSend.status(), refusedSend.body());
            assertEquals("storage_quota_exceeded", refusedSend.error());
            assertEquals(1, messages(full, one));

            setQuota(full, "null");
            assertEquals(200, sendFromApi(full, one, "bob@example.org").status(), "back to the installation's");
            assertTrue(smtp.send(List.of(two.address()), message(two.address(), 10)).startsWith("250"));
        }
    }

    @Test
    void theOperatorSetsAndClearsAnAccountsQuota() {
        Reply opened = server.post("/admin/v1/accounts", ADMIN, "{\"storageQuotaBytes\":5000}");
        assertEquals(201, opened.status(), opened.body());
        assertEquals(5000L, ((Number) opened.at("storageQuotaBytes")).longValue());
        Account account = new Account(opened.string("id"), opened.string("apiKey.token"),
                opened.string("defaultPod.id"));
        assertEquals(5000L, ((Number) server.get("/v1/usage", account.token()).at("account.quotaBytes")).longValue());

        Reply unlimited = server.patch("/admin/v1/accounts/" + account.id(), ADMIN, "{\"storageQuotaBytes\":0}");
        assertEquals(0L, ((Number) unlimited.at("storageQuotaBytes")).longValue());
        Map<?, ?> totals = (Map<?, ?>) server.get("/v1/usage", account.token()).object().get("account");
        assertTrue(totals.containsKey("quotaBytes"), String.valueOf(totals));
        assertNull(totals.get("quotaBytes"), "0 is no limit");

        Reply cleared = server.patch("/admin/v1/accounts/" + account.id(), ADMIN, "{\"storageQuotaBytes\":null}");
        assertNull(cleared.object().get("storageQuotaBytes"));
        assertEquals(10L << 30, ((Number) server.get("/v1/usage", account.token()).at("account.quotaBytes"))
                .longValue());

        Reply bad = server.patch("/admin/v1/accounts/" + account.id(), ADMIN, "{\"storageQuotaBytes\":-1}");
        assertEquals(400, bad.status(), bad.body());
        assertEquals("bad_request", bad.error());
    }

    @Test
    void parallelDeliveriesNeverTakeAnAccountOverItsQuotaAndTheCountersMatchTheRows() throws Exception {
        Account account = server.openAccount();
        Inbox one = inbox(account, null);
        Inbox two = inbox(account, null);
        long quota = 12_000;
        setQuota(account, String.valueOf(quota));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<List<String>>> runs = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                Inbox to = client % 2 == 0 ? one : two;
                runs.add(pool.submit(() -> {
                    List<String> replies = new ArrayList<>();
                    try (Smtp smtp = new Smtp(server.smtpPort())) {
                        for (int i = 0; i < 4; i++) {
                            replies.add(smtp.send(List.of(to.address()), message(to.address(), 1000)));
                        }
                    }
                    return replies;
                }));
            }
            List<String> replies = new ArrayList<>();
            for (java.util.concurrent.Future<List<String>> run : runs) {
                replies.addAll(run.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            long accepted = replies.stream().filter(reply -> reply.startsWith("250")).count();
            assertTrue(replies.stream().allMatch(reply -> reply.startsWith("250") || reply.startsWith("452 4.2.2")),
                    replies.toString());
            assertTrue(accepted > 0 && accepted < replies.size(), replies.toString());
            long rows = server.queryForLong("SELECT COALESCE(SUM(OCTET_LENGTH(raw)), 0) FROM messages"
                    + " WHERE account_id = ?", account.id());
            assertEquals(accepted, messages(account, one) + messages(account, two));
            Reply usage = server.get("/v1/usage", account.token());
            assertEquals(rows, ((Number) usage.at("account.storedBytes")).longValue());
            assertEquals(rows, storedBytes(account, one) + storedBytes(account, two));
            assertTrue(rows <= quota, rows + " stored against a quota of " + quota);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A plain socket SMTP client: one transaction per {@link #send}, the first refusal or the reply after DATA. */
    static final class Smtp implements AutoCloseable {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;

        Smtp(int port) throws IOException {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            assertTrue(reply().startsWith("220"));
            write("EHLO client.test\r\n");
            assertTrue(reply().startsWith("250"));
        }

        String send(List<String> recipients, byte[] message) throws IOException {
            List<String> lines = new ArrayList<>();
            lines.add("MAIL FROM:<alice@sender.example>");
            recipients.forEach(to -> lines.add("RCPT TO:<" + to + ">"));
            lines.add("DATA");
            for (String line : lines) {
                write(line + "\r\n");
                String reply = reply();
                if (!reply.startsWith(line.equals("DATA") ? "354" : "250")) {
                    write("RSET\r\n");
                    reply();
                    return reply;
                }
            }
            out.write(message);
            write("\r\n.\r\n");
            return reply();
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** The last line of the next reply. */
        private String reply() throws IOException {
            while (true) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) != '\n') {
                    if (b == -1) {
                        throw new IOException("connection closed after " + line);
                    }
                    line.write(b);
                }
                String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
                if (text.length() < 4 || text.charAt(3) != '-') {
                    return text;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
