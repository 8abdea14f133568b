package dev.openmail.bootstrap.system;

import dev.openmail.adapters.dns.testing.InProcessDnsServer;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

import java.net.IDN;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Custom domains end to end: added over HTTP, their DNS records published in the in-process DNS server the shared server
 * asks, verified, and then used (or refused) for inboxes. Every domain name is unique per run, as the database is shared.
 */
class DomainVerificationSystemTest {

    private static final String SPF = "v=spf1 mx ~all";

    private final RunningServer server = RunningServer.shared();
    private final InProcessDnsServer dns = RunningServer.dns();
    private Account account;

    @BeforeEach
    void openAccount() {
        account = server.openAccount();
    }

    @Test
    void aNewDomainIsPendingAndListsTheFourRecordsToPublishAllMissing() {
        String name = uniqueName("fresh");

        Reply added = server.post("/v1/domains", account.token(), "{\"domain\":\"" + name + "\"}");

        assertEquals(201, added.status(), added.body());
        assertEquals(Set.of("id", "domain", "podId", "status", "records", "createdAt", "verifiedAt"), added.object().keySet());
        assertTrue(added.string("id").startsWith("dom_"), added.body());
        assertEquals(name, added.string("domain"));
        assertNull(added.at("podId"), "no podId: account-wide");
        assertEquals("pending", added.string("status"));
        assertNull(added.at("verifiedAt"));
        assertTrue(Instant.parse(added.string("createdAt")).isAfter(Instant.now().minusSeconds(60)));

        List<Map<String, Object>> records = records(added);
        assertEquals(4, records.size(), added.body());
        records.forEach(r -> assertEquals("missing", r.get("status"), added.body()));

        Map<String, Object> mx = record(added, "MX", name);
        assertEquals(RunningServer.MX_HOST, mx.get("value"));
        assertEquals(10, ((Number) mx.get("priority")).intValue());
        assertEquals(Set.of("type", "name", "value", "priority", "status"), mx.keySet());

        Map<String, Object> spf = record(added, "TXT", name);
        assertEquals(SPF, spf.get("value"));
        assertFalse(spf.containsKey("priority"), "only MX has a priority: " + spf);

        Map<String, Object> dkim = record(added, "TXT", "openmail._domainkey." + name);
        String dkimValue = (String) dkim.get("value");
        assertTrue(dkimValue.startsWith("v=DKIM1; k=rsa; p="), dkimValue);
        assertTrue(dkimValue.length() > 255, "a 2048-bit key needs more than one TXT character-string");

        Map<String, Object> ownership = record(added, "TXT", "_openmail." + name);
        String token = ((String) ownership.get("value")).substring("openmail-verification=".length());
        assertTrue(((String) ownership.get("value")).startsWith("openmail-verification="), ownership.toString());
        assertFalse(token.isBlank());

        Reply read = server.get("/v1/domains/" + added.string("id"), account.token());
        assertEquals(200, read.status());
        assertEquals(added.object(), read.object(), "the add answer and a later read agree");
        Reply list = server.get("/v1/domains", account.token());
        assertEquals(1, list.total());
        assertEquals(added.string("id"), list.data().get(0).get("id"));

        Reply other = server.post("/v1/domains", server.openAccount().token(), "{\"domain\":\"" + uniqueName("fresh") + "\"}");
        assertEquals(201, other.status(), other.body());
        assertFalse(dkimValue.equals(record(other, "TXT", dkimHost(other.string("domain"))).get("value")),
                "every domain has its own DKIM key");
        assertFalse(ownership.get("value").equals(record(other, "TXT", ownershipHost(other.string("domain"))).get("value")),
                "every domain has its own ownership token");
    }

    @Test
    void verificationWalksFromFailedThroughInvalidToVerifiedAndBack() {
        String name = uniqueName("walk");
        Reply added = server.post("/v1/domains", account.token(), "{\"domain\":\"" + name + "\"}");
        assertEquals(201, added.status(), added.body());
        String id = added.string("id");
        String verifyPath = "/v1/domains/" + id + "/verify";
        String inboxBody = "{\"mailboxName\":\"support\",\"domain\":\"" + name + "\"}";

        // nothing published
        Reply nothing = server.post(verifyPath, account.token(), "");
        assertEquals(200, nothing.status(), nothing.body());
        assertEquals("failed", nothing.string("status"));
        assertNull(nothing.at("verifiedAt"));
        records(nothing).forEach(r -> assertEquals("missing", r.get("status"), nothing.body()));

        Reply tooEarly = server.post("/v1/inboxes", account.token(), inboxBody);
        assertEquals(400, tooEarly.status(), tooEarly.body());
        assertEquals("invalid_domain", tooEarly.error());
        assertTrue(tooEarly.string("message").contains("not verified"), tooEarly.body());
        assertTrue(tooEarly.string("message").contains("/verify"), tooEarly.body());

        // wrong MX, wrong SPF, a DKIM record with another key, no ownership record
        dns.addMx(name, 10, "mx.elsewhere.example");
        dns.addTxt(name, "v=spf1 include:_spf.elsewhere.example -all");
        dns.addTxtValue(dkimHost(name), "v=DKIM1; k=rsa; p=" + anotherPublicKey());
        try {
            Reply wrong = server.post(verifyPath, account.token(), "");
            assertEquals(200, wrong.status(), wrong.body());
            assertEquals("failed", wrong.string("status"));
            assertNull(wrong.at("verifiedAt"));
            assertEquals("invalid", record(wrong, "MX", name).get("status"), wrong.body());
            assertEquals("invalid", record(wrong, "TXT", name).get("status"), wrong.body());
            assertEquals("invalid", record(wrong, "TXT", dkimHost(name)).get("status"), wrong.body());
            assertEquals("missing", record(wrong, "TXT", ownershipHost(name)).get("status"), wrong.body());
            assertEquals(wrong.object(), server.get("/v1/domains/" + id, account.token()).object(), "the verdict is stored");

            // everything right, an unrelated TXT beside the SPF record does not matter
            clearAll(name);
            publishAll(added, RunningServer.MX_HOST);
            dns.addTxt(name, "google-site-verification=abc123");
            Instant beforeVerify = Instant.now().minusSeconds(1);
            Reply verified = server.post(verifyPath, account.token(), "");
            assertEquals(200, verified.status(), verified.body());
            assertEquals("verified", verified.string("status"), verified.body());
            records(verified).forEach(r -> assertEquals("valid", r.get("status"), verified.body()));
            Instant verifiedAt = Instant.parse(verified.string("verifiedAt"));
            assertFalse(verifiedAt.isBefore(beforeVerify), verified.body());
            assertFalse(verifiedAt.isBefore(Instant.parse(verified.string("createdAt"))));
            assertEquals(verified.object(), server.get("/v1/domains/" + id, account.token()).object());

            Reply again = server.post(verifyPath, account.token(), "");
            assertEquals(verified.string("verifiedAt"), again.string("verifiedAt"), "re-verifying keeps the first verifiedAt");

            // now an inbox may live on it
            Reply inbox = server.post("/v1/inboxes", account.token(), inboxBody);
            assertEquals(201, inbox.status(), inbox.body());
            assertEquals("support@" + name, inbox.string("address"));
            assertTrue(inbox.string("address").endsWith("@" + name));
            assertEquals(account.defaultPodId(), inbox.string("podId"));

            // DNS cannot be asked: 502, and the domain stays verified as it was
            dns.failWith(name, Rcode.SERVFAIL);
            Reply unavailable = server.post(verifyPath, account.token(), "");
            assertEquals(502, unavailable.status(), unavailable.body());
            assertEquals("dns_unavailable", unavailable.error());
            assertEquals(Set.of("error", "message"), unavailable.object().keySet());
            assertTrue(unavailable.string("message").contains(name), unavailable.body());
            assertEquals(again.object(), server.get("/v1/domains/" + id, account.token()).object(),
                    "a failed DNS lookup changes nothing");
            dns.clear(name);
            dns.addMx(name, 10, RunningServer.MX_HOST);
            dns.addTxt(name, SPF);

            // a record breaks: the domain fails, existing inboxes stay, new ones are refused
            dns.clear(ownershipHost(name));
            Reply broken = server.post(verifyPath, account.token(), "");
            assertEquals(200, broken.status(), broken.body());
            assertEquals("failed", broken.string("status"));
            assertNull(broken.at("verifiedAt"));
            assertEquals("missing", record(broken, "TXT", ownershipHost(name)).get("status"));
            assertEquals("valid", record(broken, "MX", name).get("status"));
            assertEquals("valid", record(broken, "TXT", name).get("status"));
            assertEquals("valid", record(broken, "TXT", dkimHost(name)).get("status"));

            Reply refused = server.post("/v1/inboxes", account.token(),
                    "{\"mailboxName\":\"billing\",\"domain\":\"" + name + "\"}");
            assertEquals(400, refused.status(), refused.body());
            assertEquals("invalid_domain", refused.error());
            assertTrue(refused.string("message").contains("not verified"), refused.body());
            Reply existing = server.get("/v1/inboxes/" + inbox.string("id"), account.token());
            assertEquals(200, existing.status());
            assertEquals("support@" + name, existing.string("address"));
            assertEquals(1, server.get("/v1/inboxes", account.token()).total());

            // fixed again: verified with a new verifiedAt
            dns.addTxt(ownershipHost(name), (String) record(added, "TXT", ownershipHost(name)).get("value"));
            Reply reverified = server.post(verifyPath, account.token(), "");
            assertEquals("verified", reverified.string("status"), reverified.body());
            assertNotNull(reverified.at("verifiedAt"));
            assertEquals(201, server.post("/v1/inboxes", account.token(),
                    "{\"mailboxName\":\"billing\",\"domain\":\"" + name + "\"}").status());
        } finally {
            clearAll(name);
        }
    }

    @Test
    void anMxWrittenInUpperCaseWithATrailingDotIsValid() {
        Reply added = server.post("/v1/domains", account.token(), "{\"domain\":\"" + uniqueName("mxcase") + "\"}");
        String name = added.string("domain");
        publishAll(added, RunningServer.MX_HOST.toUpperCase(Locale.ROOT) + ".");
        try {
            Reply verified = server.post("/v1/domains/" + added.string("id") + "/verify", account.token(), "");

            assertEquals(200, verified.status(), verified.body());
            assertEquals("valid", record(verified, "MX", name).get("status"), verified.body());
            assertEquals("verified", verified.string("status"));
        } finally {
            clearAll(name);
        }
    }

    @Test
    void dnsFailureLeavesAPendingDomainPending() {
        Reply added = server.post("/v1/domains", account.token(), "{\"domain\":\"" + uniqueName("servfail") + "\"}");
        String name = added.string("domain");
        publishAll(added, RunningServer.MX_HOST);
        dns.failWith(ownershipHost(name), Rcode.SERVFAIL);
        try {
            Reply unavailable = server.post("/v1/domains/" + added.string("id") + "/verify", account.token(), "");

            assertEquals(502, unavailable.status(), unavailable.body());
            assertEquals("dns_unavailable", unavailable.error());
            assertEquals(added.object(), server.get("/v1/domains/" + added.string("id"), account.token()).object(),
                    "still pending, every record still missing");
        } finally {
            clearAll(name);
        }
    }

    @Test
    void verifyingAnUnknownOrForeignDomainIsNotFound() {
        Reply added = server.post("/v1/domains", account.token(), "{\"domain\":\"" + uniqueName("foreign") + "\"}");
        Account other = server.openAccount();

        Reply foreign = server.post("/v1/domains/" + added.string("id") + "/verify", other.token(), "");
        Reply unknown = server.post("/v1/domains/dom_00000000000000000000000000/verify", account.token(), "");

        assertEquals(404, foreign.status(), foreign.body());
        assertEquals("not_found", foreign.error());
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals("not_found", unknown.error());
        assertEquals("pending", server.get("/v1/domains/" + added.string("id"), account.token()).string("status"));
    }

    @Test
    void anInboxOnADomainOfAnotherAccountIsRefused() {
        Reply added = server.post("/v1/domains", account.token(), "{\"domain\":\"" + uniqueName("theirs") + "\"}");
        String name = added.string("domain");
        publishAll(added, RunningServer.MX_HOST);
        try {
            assertEquals("verified", server.post("/v1/domains/" + added.string("id") + "/verify", account.token(), "")
                    .string("status"));
            Account other = server.openAccount();

            Reply refused = server.post("/v1/inboxes", other.token(), "{\"mailboxName\":\"hello\",\"domain\":\"" + name + "\"}");

            assertEquals(400, refused.status(), refused.body());
            assertEquals("invalid_domain", refused.error());
            assertTrue(refused.string("message").contains("not a domain of this account"), refused.body());
        } finally {
            clearAll(name);
        }
    }

    @Test
    void domainNamesAreStoredLowerCaseAndBelongToOneAccount() {
        long n = System.nanoTime();
        String name = "taken-" + n + ".example.com";

        Reply added = server.post("/v1/domains", account.token(), "{\"domain\":\"Taken-" + n + ".Example.COM\"}");
        assertEquals(201, added.status(), added.body());
        assertEquals(name, added.string("domain"));
        assertEquals("openmail._domainkey." + name, record(added, "TXT", "openmail._domainkey." + name).get("name"));

        Account other = server.openAccount();
        for (var attempt : List.of(Map.entry(account, name), Map.entry(account, name.toUpperCase(Locale.ROOT)),
                Map.entry(account, name + "."), Map.entry(other, name), Map.entry(other, "TAKEN-" + n + ".example.com"))) {
            Reply again = server.post("/v1/domains", attempt.getKey().token(), "{\"domain\":\"" + attempt.getValue() + "\"}");
            assertEquals(409, again.status(), attempt.getValue() + " -> " + again);
            assertEquals("domain_taken", again.error());
            assertTrue(again.string("message").contains(name), again.body());
        }
        assertEquals(1, server.get("/v1/domains", account.token()).total());
        assertEquals(0, server.get("/v1/domains", other.token()).total());
    }

    @Test
    void unicodeNamesAreStoredInTheirIdnaAsciiFormAndCountAsTheSameDomain() {
        long n = System.nanoTime();
        String unicode = "Bücher-" + n + ".example";
        String ascii = IDN.toASCII("bücher-" + n + ".example");

        Reply added = server.post("/v1/domains", account.token(), "{\"domain\":\"" + unicode + "\"}");

        assertEquals(201, added.status(), added.body());
        String stored = added.string("domain");
        assertTrue(stored.startsWith("xn--bcher-"), stored);
        assertEquals(ascii, stored);
        assertEquals(stored, stored.toLowerCase(Locale.ROOT));
        assertTrue(stored.chars().allMatch(c -> c < 128), stored);
        assertEquals("_openmail." + stored, record(added, "TXT", "_openmail." + stored).get("name"));

        Account other = server.openAccount();
        for (var attempt : List.of(Map.entry(account, unicode), Map.entry(account, "bücher-" + n + ".example"),
                Map.entry(account, "BÜCHER-" + n + ".EXAMPLE"), Map.entry(account, stored),
                Map.entry(account, stored.toUpperCase(Locale.ROOT)), Map.entry(other, unicode), Map.entry(other, stored))) {
            Reply again = server.post("/v1/domains", attempt.getKey().token(), "{\"domain\":\"" + attempt.getValue() + "\"}");
            assertEquals(409, again.status(), attempt.getValue() + " -> " + again);
            assertEquals("domain_taken", again.error());
        }

        // verified at its ASCII names, and an inbox named with the Unicode form lands on it
        publishAll(added, RunningServer.MX_HOST);
        try {
            Reply verified = server.post("/v1/domains/" + added.string("id") + "/verify", account.token(), "");
            assertEquals("verified", verified.string("status"), verified.body());
            Reply inbox = server.post("/v1/inboxes", account.token(), "{\"mailboxName\":\"info\",\"domain\":\"" + unicode + "\"}");
            assertEquals(201, inbox.status(), inbox.body());
            assertEquals("info@" + stored, inbox.string("address"));
        } finally {
            clearAll(stored);
        }
    }

    // ---- helpers

    private static String uniqueName(String label) {
        return label + "-" + System.nanoTime() + ".example.com";
    }

    private static String dkimHost(String name) {
        return "openmail._domainkey." + name;
    }

    private static String ownershipHost(String name) {
        return "_openmail." + name;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Reply domain) {
        return (List<Map<String, Object>>) domain.at("records");
    }

    /** The one record of {@code type} at {@code name}. */
    private static Map<String, Object> record(Reply domain, String type, String name) {
        List<Map<String, Object>> matching = records(domain).stream()
                .filter(r -> type.equals(r.get("type")) && name.equals(r.get("name")))
                .toList();
        assertEquals(1, matching.size(), "one " + type + " record at " + name + " in " + domain.body());
        return matching.get(0);
    }

    /** Publishes every record the API lists, with {@code mxExchange} as the MX target; the DKIM key split as DNS does. */
    private void publishAll(Reply domain, String mxExchange) {
        String name = domain.string("domain");
        Map<String, Object> mx = record(domain, "MX", name);
        dns.addMx(name, ((Number) mx.get("priority")).intValue(), mxExchange);
        dns.addTxt(name, (String) record(domain, "TXT", name).get("value"));
        dns.addTxtValue(dkimHost(name), (String) record(domain, "TXT", dkimHost(name)).get("value"));
        dns.addTxt(ownershipHost(name), (String) record(domain, "TXT", ownershipHost(name)).get("value"));
    }

    private void clearAll(String name) {
        dns.clear(name);
        dns.clear(dkimHost(name));
        dns.clear(ownershipHost(name));
    }

    private static String anotherPublicKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
