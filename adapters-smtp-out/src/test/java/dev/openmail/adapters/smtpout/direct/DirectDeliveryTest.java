package dev.openmail.adapters.smtpout.direct;

import static dev.openmail.adapters.smtpout.testing.LoopbackPorts.loopback;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.adapters.dns.DnsJavaLookup;
import dev.openmail.adapters.dns.testing.InProcessDnsServer;
import dev.openmail.adapters.smtpout.testing.FakeMxServer;
import dev.openmail.adapters.smtpout.testing.LoopbackPorts;
import dev.openmail.adapters.smtpout.testing.MtaStsServer;
import dev.openmail.adapters.smtpout.testing.TestCa;
import dev.openmail.domain.port.out.TransmitMail.Envelope;
import dev.openmail.domain.port.out.TransmitMail.Outcome;
import dev.openmail.domain.port.out.TransmitMail.RecipientResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;

/**
 * Direct delivery against a small internet on the loopback interface: an in-process DNS server, fake mail exchangers
 * on 127.0.0.x sharing one port, and an HTTPS server for MTA-STS policies, with certificates of a test CA.
 */
class DirectDeliveryTest {

    private static final byte[] RAW = ("From: Alice <alice@sender.example>\r\n"
            + "To: someone@elsewhere.test\r\n"
            + "Subject: direct\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Grüße\r\n"
            + ".a line starting with a dot\r\n"
            + "end\r\n").getBytes(StandardCharsets.UTF_8);

    private static TestCa trustedCa;
    private static TestCa untrustedCa;

    @TempDir
    Path dir;

    private InProcessDnsServer dns;
    private DnsJavaLookup lookup;
    private int port;
    private MtaStsServer policies;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private DeliverySettings settings;
    private DirectDelivery delivery;

    @BeforeAll
    static void makeCertificateAuthorities() {
        trustedCa = TestCa.create("OpenMail Test CA");
        untrustedCa = TestCa.create("Nobody's CA");
    }

    @BeforeEach
    void startWorld() throws IOException {
        dns = InProcessDnsServer.start();
        lookup = new DnsJavaLookup(dns.address(), Duration.ofSeconds(2));
        port = LoopbackPorts.freeOnAll(9);
        policies = MtaStsServer.start(trustedCa.serverContext("mta-sts.secure.test", "mta-sts.lax.test",
                "mta-sts.strict.test", "mta-sts.forged.test"));
        settings = DeliverySettings.defaults("out.openmail.test")
                .withPorts(port, policies.port())
                .withTimeout(Duration.ofSeconds(2))
                .withPrivateTargets(true)
                .withTrustPem(trustedCa.writePem(dir.resolve("ca.pem")));
        delivery = new DirectDelivery(lookup, settings);
    }

    @AfterEach
    void stopWorld() throws Exception {
        delivery.close();
        for (AutoCloseable server : closing) {
            server.close();
        }
        policies.close();
        dns.close();
    }

    private FakeMxServer mx(String domain, int preference, String host, int loopback) throws IOException {
        dns.addMx(domain, preference, host);
        dns.addAddress(host, loopback(loopback));
        FakeMxServer server = FakeMxServer.start(loopback(loopback), port);
        closing.add(server);
        return server;
    }

    private List<RecipientResult> send(Envelope... envelopes) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> delivery.transmit(RAW, List.of(envelopes)));
    }

    private static Envelope to(String recipient) {
        return new Envelope("bounce+" + recipient.replace('@', '=') + "@sender.example", recipient);
    }

    private static List<Outcome> outcomes(List<RecipientResult> results) {
        return results.stream().map(RecipientResult::outcome).toList();
    }

    private void publishPolicy(String domain, String id, String policy) {
        dns.addTxt("_mta-sts." + domain, "v=STSv1; id=" + id);
        dns.addAddress("mta-sts." + domain, loopback(1));
        policies.serve(domain, policy);
    }

    @Test
    void eachKindOfMailExchangerGivesEachEnvelopeItsOwnOutcome() throws IOException {
        FakeMxServer plain = mx("plain.test", 10, "mx.plain.test", 1);
        FakeMxServer tls = mx("tls.test", 10, "mx.tls.test", 2)
                .withStartTls(trustedCa.serverContext("mx.tls.test"));
        FakeMxServer grey = mx("grey.test", 10, "mx.grey.test", 3).deferringFirst(1);
        FakeMxServer picky = mx("picky.test", 10, "mx.picky.test", 4)
                .refusing("gone@picky.test", "550 5.1.1 <gone@picky.test>: no such user");

        List<RecipientResult> results = send(to("ann@plain.test"), to("ben@tls.test"), to("cat@grey.test"),
                to("gone@picky.test"), to("dan@picky.test"));

        assertEquals(List.of(Outcome.DELIVERED, Outcome.DELIVERED, Outcome.DEFERRED, Outcome.FAILED,
                Outcome.DELIVERED), outcomes(results));
        assertEquals(List.of("ann@plain.test", "ben@tls.test", "cat@grey.test", "gone@picky.test", "dan@picky.test"),
                results.stream().map(RecipientResult::recipient).toList());
        assertEquals("mx.plain.test", results.get(0).host());
        assertTrue(results.get(0).reply().startsWith("250"), results.get(0).reply());
        assertTrue(results.get(2).reply().startsWith("451 4.7.1"), results.get(2).reply());
        assertEquals("550 5.1.1 <gone@picky.test>: no such user", results.get(3).reply());
        assertEquals("mx.picky.test", results.get(3).host());

        FakeMxServer.Accepted toAnn = plain.accepted().get(0);
        assertEquals("bounce+ann=plain.test@sender.example", toAnn.from());
        assertEquals(List.of("ann@plain.test"), toAnn.recipients());
        assertArrayEquals(RAW, toAnn.data());
        assertFalse(toAnn.tls());
        assertTrue(tls.accepted().get(0).tls(), "STARTTLS is used when offered");
        assertEquals(List.of(List.of("dan@picky.test")),
                picky.accepted().stream().map(FakeMxServer.Accepted::recipients).toList());
        assertEquals(1, picky.connections(), "both envelopes of a domain share its connection");
        assertTrue(plain.commands().stream().anyMatch(c -> c.equals("MAIL FROM:<bounce+ann=plain.test@sender.example>"
                + " BODY=8BITMIME")), plain.commands()::toString);

        assertEquals(List.of(Outcome.DELIVERED), outcomes(send(to("cat@grey.test"))));
        assertEquals(1, grey.accepted().size());
    }

    @Test
    void theMostPreferredExchangerTakesTheMailAndADownOneIsPassedOver() throws IOException {
        FakeMxServer first = mx("pref.test", 10, "mx1.pref.test", 1);
        FakeMxServer second = mx("pref.test", 20, "mx2.pref.test", 2);
        dns.addMx("fallback.test", 5, "down.fallback.test");
        dns.addAddress("down.fallback.test", loopback(8));   // nothing listens there
        dns.addMx("fallback.test", 10, "mx2.pref.test");

        List<RecipientResult> results = send(to("ann@pref.test"), to("ben@fallback.test"));

        assertEquals(List.of(Outcome.DELIVERED, Outcome.DELIVERED), outcomes(results));
        assertEquals("mx1.pref.test", results.get(0).host());
        assertEquals("mx2.pref.test", results.get(1).host());
        assertEquals(1, first.accepted().size());
        assertEquals(List.of("ben@fallback.test"), second.accepted().get(0).recipients());
    }

    @Test
    void aDomainOfManyUnreachableExchangersCostsAFewAttemptsOnly() {
        for (int i = 1; i <= 8; i++) {
            dns.addMx("many.test", i, "mx" + i + ".many.test");
            dns.addAddress("mx" + i + ".many.test", loopback(9));   // nothing listens there
        }

        RecipientResult result = send(to("ann@many.test")).get(0);

        assertEquals(Outcome.DEFERRED, result.outcome());
        assertTrue(result.reply().contains("gave up after " + DirectDelivery.MAX_ATTEMPTS_PER_DOMAIN
                + " connection attempts"), result.reply());
        assertEquals("mx" + DirectDelivery.MAX_ATTEMPTS_PER_DOMAIN + ".many.test", result.host());
    }

    @Test
    void aDomainWithoutMxGetsItsMailAtItsOwnAddress() throws IOException {
        dns.addAddress("bare.test", loopback(5));
        FakeMxServer server = FakeMxServer.start(loopback(5), port);
        closing.add(server);

        RecipientResult result = send(to("ann@bare.test")).get(0);

        assertEquals(Outcome.DELIVERED, result.outcome(), result.reply());
        assertEquals("bare.test", result.host());
        assertEquals(1, server.accepted().size());
    }

    @Test
    void theNullMxAndADomainThatDoesNotExistFailForGood() {
        dns.addMx("nomail.test", 0, ".");

        List<RecipientResult> results = send(to("ann@nomail.test"), to("ben@missing.test"));

        assertEquals(List.of(Outcome.FAILED, Outcome.FAILED), outcomes(results));
        assertTrue(results.get(0).reply().contains("accepts no mail"), results.get(0).reply());
        assertTrue(results.get(1).reply().contains("does not exist"), results.get(1).reply());
    }

    @Test
    void aDnsFailureDefers() {
        dns.failWith("broken.test", Rcode.SERVFAIL);

        RecipientResult result = send(to("ann@broken.test")).get(0);

        assertEquals(Outcome.DEFERRED, result.outcome());
        assertTrue(result.reply().contains("SERVFAIL"), result.reply());
    }

    @Test
    void aMailExchangerAtAPrivateAddressIsNotConnectedToUnlessAllowed() throws IOException {
        FakeMxServer local = mx("local.test", 10, "mx.local.test", 1);
        try (DirectDelivery guarded = new DirectDelivery(lookup, settings.withPrivateTargets(false))) {
            RecipientResult result = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> guarded.transmit(RAW, List.of(to("ann@local.test")))).get(0);

            assertEquals(Outcome.DEFERRED, result.outcome());
            assertTrue(result.reply().contains("127.0.0.1, a loopback address"), result.reply());
        }
        assertEquals(0, local.connections());
    }

    @Test
    void aFailedTlsHandshakeIsFollowedByPlainDeliveryOnANewConnection() throws IOException {
        FakeMxServer broken = mx("broken-tls.test", 10, "mx.broken-tls.test", 3).withBrokenTls();

        RecipientResult result = send(to("ann@broken-tls.test")).get(0);

        assertEquals(Outcome.DELIVERED, result.outcome(), result.reply());
        assertEquals(2, broken.connections());
        assertFalse(broken.accepted().get(0).tls());
        assertEquals(1, broken.commands().stream().filter(c -> c.equals("STARTTLS")).count());
    }

    @Test
    void aReplyThatIsTooLongOrNotSmtpDefers() throws IOException {
        mx("chatty.test", 10, "mx.chatty.test", 4).greeting("220 " + "x".repeat(100_000));
        mx("web.test", 10, "mx.web.test", 5).greeting("HTTP/1.1 400 Bad Request");

        List<RecipientResult> results = send(to("ann@chatty.test"), to("ben@web.test"));

        assertEquals(List.of(Outcome.DEFERRED, Outcome.DEFERRED), outcomes(results));
        assertTrue(results.get(0).reply().contains("longer than"), results.get(0).reply());
        assertTrue(results.get(1).reply().contains("not an SMTP reply"), results.get(1).reply());
    }

    @Test
    void aNewPolicyIdFetchesThePolicyAgainAndAVanishedRecordKeepsTheKeptOne() throws IOException {
        FakeMxServer secure = mx("secure.test", 10, "mx.secure.test", 2)
                .withStartTls(trustedCa.serverContext("mx.secure.test"));
        publishPolicy("secure.test", "one", "version: STSv1\nmode: enforce\nmx: mx.secure.test\nmax_age: 600\n");
        assertEquals(Outcome.DELIVERED, send(to("ann@secure.test")).get(0).outcome());

        dns.clear("_mta-sts.secure.test");
        dns.addTxt("_mta-sts.secure.test", "v=STSv1; id=two");
        policies.serve("secure.test", "version: STSv1\nmode: enforce\nmx: mx.other.test\nmax_age: 600\n");
        RecipientResult refused = send(to("ben@secure.test")).get(0);
        assertEquals(Outcome.DEFERRED, refused.outcome(), "the new policy no longer names mx.secure.test");
        assertEquals(2, policies.fetches());

        dns.clear("_mta-sts.secure.test");
        assertEquals(Outcome.DEFERRED, send(to("cat@secure.test")).get(0).outcome(),
                "without a record, the kept policy still applies");
        assertEquals(2, policies.fetches());
        assertEquals(1, secure.accepted().size());
    }

    @Test
    void anEnforcedPolicyDeliversOverVerifiedTlsToTheExchangersItNames() throws IOException {
        FakeMxServer secure = mx("secure.test", 10, "mx.secure.test", 2)
                .withStartTls(trustedCa.serverContext("mx.secure.test"));
        publishPolicy("secure.test", "20250101", "version: STSv1\r\nmode: enforce\r\nmx: *.secure.test\r\n"
                + "max_age: 86400\r\n");

        RecipientResult result = send(to("ann@secure.test")).get(0);

        assertEquals(Outcome.DELIVERED, result.outcome(), result.reply());
        assertTrue(secure.accepted().get(0).tls());
        assertEquals(1, policies.fetches());

        send(to("ben@secure.test"));
        assertEquals(1, policies.fetches(), "the policy is kept for its id");
    }

    @Test
    void anEnforcedPolicyDefersRatherThanUseAnExchangerItDoesNotName() throws IOException {
        FakeMxServer rogue = mx("strict.test", 10, "mx.rogue.test", 3)
                .withStartTls(trustedCa.serverContext("mx.rogue.test"));
        publishPolicy("strict.test", "1", "version: STSv1\nmode: enforce\nmx: mx.strict.test\nmax_age: 600\n");

        RecipientResult result = send(to("ann@strict.test")).get(0);

        assertEquals(Outcome.DEFERRED, result.outcome());
        assertTrue(result.reply().contains("MTA-STS"), result.reply());
        assertEquals(0, rogue.connections());
    }

    @Test
    void anEnforcedPolicyDefersRatherThanTrustAnUnverifiedCertificate() throws IOException {
        FakeMxServer forged = mx("forged.test", 10, "mx.forged.test", 4)
                .withStartTls(untrustedCa.serverContext("mx.forged.test"));
        publishPolicy("forged.test", "1", "version: STSv1\nmode: enforce\nmx: mx.forged.test\nmax_age: 600\n");

        RecipientResult result = send(to("ann@forged.test")).get(0);

        assertEquals(Outcome.DEFERRED, result.outcome());
        assertTrue(result.reply().contains("TLS as the MTA-STS policy requires failed"), result.reply());
        assertEquals(List.of(), forged.accepted());
    }

    @Test
    void aPolicyInTestingModeDeliversAsWithoutOne() throws IOException {
        FakeMxServer lax = mx("lax.test", 10, "mx.elsewhere.test", 5)
                .withStartTls(untrustedCa.serverContext("mx.elsewhere.test"));
        publishPolicy("lax.test", "1", "version: STSv1\nmode: testing\nmx: mx.lax.test\nmax_age: 600\n");

        RecipientResult result = send(to("ann@lax.test")).get(0);

        assertEquals(Outcome.DELIVERED, result.outcome(), result.reply());
        assertTrue(lax.accepted().get(0).tls(), "opportunistic TLS does not check the certificate");
        assertEquals(1, policies.fetches());
    }

    @Test
    void aFullDomainIsNotTriedAndAnExchangerThatNeverAnswersIsRememberedDown() throws Exception {
        FakeMxServer silent = mx("slow.test", 10, "mx.slow.test", 6).silent();
        try (DirectDelivery capped = new DirectDelivery(lookup, settings.withConnectionsPerDomain(1))) {
            CompletableFuture<List<RecipientResult>> first =
                    CompletableFuture.supplyAsync(() -> capped.transmit(RAW, List.of(to("ann@slow.test"))));
            assertTrue(silent.awaitConnections(1, Duration.ofSeconds(10)));

            RecipientResult busy = assertTimeoutPreemptively(Duration.ofSeconds(1),
                    () -> capped.transmit(RAW, List.of(to("ben@slow.test")))).get(0);

            assertEquals(Outcome.NOT_TRIED, busy.outcome(), busy.reply());
            RecipientResult timedOut = first.get().get(0);
            assertEquals(Outcome.DEFERRED, timedOut.outcome());
            assertTrue(timedOut.reply().contains("timed out"), timedOut.reply());

            RecipientResult down = assertTimeoutPreemptively(Duration.ofSeconds(1),
                    () -> capped.transmit(RAW, List.of(to("cat@slow.test")))).get(0);
            assertEquals(Outcome.DEFERRED, down.outcome());
            assertTrue(down.reply().startsWith("host down, not retried before "), down.reply());
            assertEquals(1, silent.connections());
        }
    }

    @Test
    void aSlowDomainDoesNotHoldBackTheOthersInTheSameCall() throws Exception {
        FakeMxServer silent = mx("slow.test", 10, "mx.slow.test", 6).silent();
        FakeMxServer plain = mx("plain.test", 10, "mx.plain.test", 1);
        try (DirectDelivery patient = new DirectDelivery(lookup, settings.withTimeout(Duration.ofSeconds(20)))) {
            CompletableFuture<List<RecipientResult>> call = CompletableFuture.supplyAsync(
                    () -> patient.transmit(RAW, List.of(to("ann@slow.test"), to("ben@plain.test"))));

            assertTrue(plain.awaitAccepted(1, Duration.ofSeconds(10)), "the quick domain is not held back");
            assertFalse(call.isDone(), "the slow domain is still being waited for");
            // gone for good: its connection ends, and any new attempt at it is refused at once
            silent.close();

            List<RecipientResult> results = call.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(List.of(Outcome.DEFERRED, Outcome.DELIVERED), outcomes(results));
        }
    }

    @Test
    void anExchangerThatNeverAnswersTimesOutWhileAnotherDomainOfTheCallIsDelivered() throws IOException {
        mx("slow.test", 10, "mx.slow.test", 6).silent();
        FakeMxServer plain = mx("plain.test", 10, "mx.plain.test", 1);

        List<RecipientResult> results = send(to("ann@slow.test"), to("ben@plain.test"));

        assertEquals(List.of(Outcome.DEFERRED, Outcome.DELIVERED), outcomes(results));
        assertTrue(results.get(0).reply().contains("timed out"), results.get(0).reply());
        assertEquals(1, plain.accepted().size());
    }

    @Test
    void theNextCallReusesTheConnection() throws IOException {
        FakeMxServer plain = mx("plain.test", 10, "mx.plain.test", 1);

        send(to("ann@plain.test"));
        send(to("ben@plain.test"));

        assertEquals(2, plain.accepted().size());
        assertEquals(1, plain.connections());
        assertTrue(plain.commands().contains("RSET"), "a kept connection is checked before use");
    }

    @Test
    void aDeadKeptConnectionIsReplaced() throws Exception {
        FakeMxServer plain = mx("plain.test", 10, "mx.plain.test", 1);
        send(to("ann@plain.test"));
        plain.dropConnections();

        RecipientResult result = send(to("ben@plain.test")).get(0);

        assertEquals(Outcome.DELIVERED, result.outcome(), result.reply());
        assertEquals(2, plain.accepted().size());
        assertEquals(2, plain.connections());
    }

    @Test
    void anAddressThatNeedsSmtpUtf8FailsWhereItIsNotOffered() throws IOException {
        mx("plain.test", 10, "mx.plain.test", 1);
        FakeMxServer utf8 = mx("utf8.test", 10, "mx.utf8.test", 7).extensions("8BITMIME", "SMTPUTF8");

        List<RecipientResult> results = send(to("jörg@plain.test"), to("jörg@utf8.test"));

        assertEquals(List.of(Outcome.FAILED, Outcome.DELIVERED), outcomes(results));
        assertTrue(results.get(0).reply().contains("SMTPUTF8"), results.get(0).reply());
        assertTrue(utf8.commands().stream().anyMatch(c -> c.startsWith("MAIL FROM:") && c.endsWith("SMTPUTF8")),
                utf8.commands()::toString);
    }

    @Test
    void afterCloseKeptConnectionsAreClosedAndNothingIsTried() throws Exception {
        FakeMxServer plain = mx("plain.test", 10, "mx.plain.test", 1);
        FakeMxServer other = mx("other.test", 10, "mx.other.test", 2);
        send(to("ann@plain.test"));
        assertEquals(1, delivery.idleConnections());

        delivery.close();

        assertEquals(0, delivery.idleConnections());
        assertEquals(List.of(Outcome.NOT_TRIED, Outcome.NOT_TRIED),
                outcomes(send(to("ben@plain.test"), to("cat@other.test"))));
        assertEquals(1, plain.accepted().size());
        assertEquals(0, other.connections());
    }

    @Test
    void anEnvelopeThatWouldInjectACommandFailsWithoutReachingTheWire() throws IOException {
        FakeMxServer plain = mx("plain.test", 10, "mx.plain.test", 1);

        List<RecipientResult> results = send(new Envelope("a@sender.example", "ann@plain.test>\r\nRSET"),
                new Envelope("a@sender.example", "no-domain"), to("ben@plain.test"));

        assertEquals(List.of(Outcome.FAILED, Outcome.FAILED, Outcome.DELIVERED), outcomes(results));
        assertTrue(plain.commands().stream().noneMatch(c -> c.contains("ann@")), plain.commands()::toString);
    }

    @Test
    void aServerDrippingItsGreetingAByteAtATimeIsCutOffAtTheReplysDeadline() throws Exception {
        dns.addMx("drip.test", 10, "mx.drip.test");
        dns.addAddress("mx.drip.test", loopback(8));
        java.net.ServerSocket listener = new java.net.ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new java.net.InetSocketAddress(loopback(8), port));
        closing.add(listener);
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        Thread dripper = new Thread(() -> {
            try (java.net.Socket client = listener.accept()) {
                java.io.OutputStream out = client.getOutputStream();
                out.write("220-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                // one byte well within each read's timeout, for ever: only a deadline for the whole reply ends it
                while (!stop.await(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    out.write('x');
                    out.flush();
                }
            } catch (Exception closed) {
                // the client gave up
            }
        });
        dripper.setDaemon(true);
        dripper.start();
        try (DirectDelivery patient = new DirectDelivery(lookup, settings.withTimeout(Duration.ofSeconds(1)))) {
            List<RecipientResult> results = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> patient.transmit(RAW, List.of(to("ann@drip.test"))));

            assertEquals(Outcome.DEFERRED, results.get(0).outcome(), results.get(0).reply());
            assertTrue(results.get(0).reply().contains("timed out"), results.get(0).reply());
        } finally {
            stop.countDown();
        }
    }
}
