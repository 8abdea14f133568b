package dev.openmail.adapters.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.adapters.dns.testing.InProcessDnsServer;
import dev.openmail.domain.mail.AuthResult;
import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.port.out.AuthenticateMail;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

/** SPF, DKIM and DMARC against records published by an in-process DNS server. */
class MailAuthenticatorTest {

    private static final String CLIENT = "192.0.2.10";
    private static KeyPair key;

    private InProcessDnsServer server;
    private MailAuthenticator authenticator;

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
    }

    @BeforeEach
    void start() throws Exception {
        server = InProcessDnsServer.start();
        authenticator = new MailAuthenticator(new DnsJavaLookup(server.address(), Duration.ofSeconds(2)),
                Duration.ofSeconds(8));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] message(String from) {
        return ("From: Alice <alice@" + from + ">\r\nTo: bob@openmail.test\r\nSubject: hello\r\n"
                + "Message-ID: <1@" + from + ">\r\n\r\nHello Bob.\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] signed(byte[] raw, String domain) throws Exception {
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain
                + "; s=sel; h=from:to:subject:message-id; bh=; b=;";
        String field = new DKIMSigner(template, key.getPrivate()).sign(new ByteArrayInputStream(raw));
        byte[] header = (field + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + raw.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(raw, 0, out, header.length, raw.length);
        return out;
    }

    private void publishKey(String domain) {
        server.addTxtValue("sel._domainkey." + domain,
                "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
    }

    private AuthenticateMail.Outcome check(String sender, byte[] raw) {
        return authenticator.authenticate(new AuthenticateMail.Request(CLIENT, "mx.sender.test", sender, raw,
                "mx.openmail.test"));
    }

    private Authentication auth(String sender, byte[] raw) {
        return check(sender, raw).authentication();
    }

    @Test
    void spfPassWhenTheClientIsListed() {
        server.addTxt("pass.test", "v=spf1 ip4:192.0.2.0/24 -all");
        assertEquals(AuthResult.PASS, auth("alice@pass.test", message("pass.test")).spf());
    }

    @Test
    void spfFailSoftfailNeutralAndNone() {
        server.addTxt("fail.test", "v=spf1 ip4:198.51.100.1 -all");
        server.addTxt("soft.test", "v=spf1 ip4:198.51.100.1 ~all");
        server.addTxt("neutral.test", "v=spf1 ?all");
        assertEquals(AuthResult.FAIL, auth("alice@fail.test", message("fail.test")).spf());
        assertEquals(AuthResult.SOFTFAIL, auth("alice@soft.test", message("soft.test")).spf());
        assertEquals(AuthResult.NEUTRAL, auth("alice@neutral.test", message("neutral.test")).spf());
        assertEquals(AuthResult.NONE, auth("alice@nothing.test", message("nothing.test")).spf());
    }

    @Test
    void spfPermerrorForABrokenRecordAndTemperrorWhenDnsFails() {
        server.addTxt("broken.test", "v=spf1 ip4:not-an-address -all");
        assertEquals(AuthResult.PERMERROR, auth("alice@broken.test", message("broken.test")).spf());
        server.failWith("down.test", Rcode.SERVFAIL);
        server.failWith("_dmarc.down.test", Rcode.SERVFAIL);
        Authentication down = auth("alice@down.test", message("down.test"));
        assertEquals(AuthResult.TEMPERROR, down.spf());
        assertEquals(AuthResult.TEMPERROR, down.dmarc());
    }

    @Test
    void spfOfTheNullSenderChecksTheHeloName() {
        server.addTxt("mx.sender.test", "v=spf1 ip4:192.0.2.10 -all");
        assertEquals(AuthResult.PASS, auth(null, message("sender.test")).spf());
    }

    @Test
    void dkimPassForAGoodSignature() throws Exception {
        publishKey("signed.test");
        AuthenticateMail.Outcome outcome = check("alice@signed.test", signed(message("signed.test"), "signed.test"));
        assertEquals(AuthResult.PASS, outcome.authentication().dkim());
        assertTrue(outcome.headerValue().contains("dkim=pass header.d=signed.test"), outcome.headerValue());
    }

    @Test
    void dkimFailWhenTheBodyWasChanged() throws Exception {
        publishKey("signed.test");
        byte[] raw = signed(message("signed.test"), "signed.test");
        String tampered = new String(raw, StandardCharsets.US_ASCII).replace("Hello Bob.", "Pay Mallory.");
        assertEquals(AuthResult.FAIL, auth("alice@signed.test", tampered.getBytes(StandardCharsets.US_ASCII)).dkim());
    }

    @Test
    void dkimPermerrorWhenTheKeyIsMissingAndNoneWithoutSignature() throws Exception {
        Authentication missing = auth("alice@nokey.test", signed(message("nokey.test"), "nokey.test"));
        assertEquals(AuthResult.PERMERROR, missing.dkim());
        assertEquals(AuthResult.NONE, auth("alice@nokey.test", message("nokey.test")).dkim());
    }

    @Test
    void dmarcPassWithAlignedDkimEvenWhenSpfFails() throws Exception {
        server.addTxt("_dmarc.brand.test", "v=DMARC1; p=reject");
        server.addTxt("brand.test", "v=spf1 -all");
        publishKey("brand.test");
        AuthenticateMail.Outcome outcome = check("alice@brand.test", signed(message("brand.test"), "brand.test"));
        assertEquals(new Authentication(AuthResult.FAIL, AuthResult.PASS, AuthResult.PASS), outcome.authentication());
        assertTrue(outcome.headerValue().startsWith("mx.openmail.test;"), outcome.headerValue());
        assertTrue(outcome.headerValue().contains("dmarc=pass (p=reject) header.from=brand.test"),
                outcome.headerValue());
    }

    @Test
    void dmarcPassWithAlignedSpf() {
        server.addTxt("_dmarc.brand.test", "v=DMARC1; p=quarantine");
        server.addTxt("bounces.brand.test", "v=spf1 ip4:192.0.2.10 -all");
        assertEquals(new Authentication(AuthResult.PASS, AuthResult.NONE, AuthResult.PASS),
                auth("b@bounces.brand.test", message("brand.test")));
    }

    @Test
    void dmarcFailRejectWhenOnlyUnalignedIdentitiesPass() throws Exception {
        server.addTxt("_dmarc.bank.test", "v=DMARC1; p=reject");
        server.addTxt("phish.test", "v=spf1 ip4:192.0.2.10 -all");
        publishKey("phish.test");
        AuthenticateMail.Outcome outcome = check("x@phish.test", signed(message("bank.test"), "phish.test"));
        assertEquals(new Authentication(AuthResult.PASS, AuthResult.PASS, AuthResult.FAIL), outcome.authentication());
        assertTrue(outcome.headerValue().contains("dmarc=fail (p=reject) header.from=bank.test"),
                outcome.headerValue());
    }

    @Test
    void dmarcFailQuarantineAndNone() {
        server.addTxt("_dmarc.q.test", "v=DMARC1; p=quarantine");
        server.addTxt("_dmarc.n.test", "v=DMARC1; p=none");
        assertTrue(check("x@other.test", message("q.test")).headerValue().contains("dmarc=fail (p=quarantine)"));
        assertTrue(check("x@other.test", message("n.test")).headerValue().contains("dmarc=fail (p=none)"));
        assertEquals(AuthResult.NONE, auth("x@other.test", message("norecord.test")).dmarc());
    }

    @Test
    void theHeaderNeverCarriesLineBreaksFromTheSender() {
        String value = check("a@x.test\r\nX-Evil: 1", message("x.test")).headerValue();
        assertTrue(!value.contains("\nX-Evil") && !value.contains("x-evil:1\r"), value);
    }
}
