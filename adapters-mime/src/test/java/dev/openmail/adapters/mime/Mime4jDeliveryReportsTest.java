package dev.openmail.adapters.mime;

import static dev.openmail.adapters.mime.Mime4jMailParserTest.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.port.out.ReadDeliveryReports;
import dev.openmail.domain.port.out.ReadDeliveryReports.ComplaintReport;
import dev.openmail.domain.port.out.ReadDeliveryReports.DeliveryReport;
import dev.openmail.domain.port.out.ReadDeliveryReports.RecipientStatus;
import dev.openmail.domain.port.out.ReadDeliveryReports.StatusReport;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Mime4jDeliveryReportsTest {

    /** Far above what reading takes; only a quadratic or stuck reader would get near it. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    private final Mime4jDeliveryReports reports = new Mime4jDeliveryReports();

    // --- what is no report, or a broken one ---

    @Test
    void plainTextBounceIsNoReportEvenWithFieldsInItsProse() {
        assertEquals(Optional.empty(), reports.read(sample("plain-text-bounce.eml")));
    }

    @Test
    void emptyAndHeaderlessInputAreNoReport() {
        assertEquals(Optional.empty(), reports.read(new byte[0]));
        assertEquals(Optional.empty(), reports.read(null));
        assertEquals(Optional.empty(), reports.read(utf8("Final-Recipient: rfc822; a@example.com\nAction: failed\n"
                + "Status: 5.1.1\n")));
    }

    @Test
    void reportCutInsideItsStatusPartIsNoReport() {
        String whole = new String(sample("postfix-user-unknown.eml"), StandardCharsets.UTF_8);
        // cut inside the last group's diagnostic, which is all there and would read as whole
        String cut = whole.substring(0, whole.indexOf("User unknown in virtual mailbox table") + 20);

        assertEquals(Optional.empty(), reports.read(cut.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void reportCutAfterACompleteStatusGroupIsStillNoReport() {
        String whole = new String(sample("postfix-user-unknown.eml"), StandardCharsets.UTF_8);
        String cut = whole.substring(0, whole.indexOf("Content-Description: Undelivered Message"));

        assertEquals(Optional.empty(), reports.read(cut.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void statusPartWithoutRecipientGroupsIsNoReport() {
        assertEquals(Optional.empty(), reports.read(dsn("""
                Reporting-MTA: dns; mx.example.net
                Arrival-Date: Mon, 7 Dec 2026 10:00:00 +0000
                """)));
    }

    @Test
    void reportWithoutItsStatusPartIsNoReport() {
        assertEquals(Optional.empty(), reports.read(utf8("""
                From: mailer-daemon@example.net
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                Final-Recipient: rfc822; a@example.com
                Action: failed
                Status: 5.1.1
                --b--
                """)));
    }

    @Test
    void statusPartOfTheWrongTypeOrReportOfAnotherTypeIsNoReport() {
        String fields = """
                Final-Recipient: rfc822; a@example.com
                Action: failed
                Status: 5.1.1
                """;
        assertEquals(Optional.empty(), reports.read(report("delivery-status", "text/plain", fields)));
        assertEquals(Optional.empty(), reports.read(report("disposition-notification", "message/delivery-status",
                fields)));
        assertEquals(Optional.empty(), reports.read(utf8("""
                From: mailer-daemon@example.net
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain

                Bounced.
                --b
                Content-Type: message/delivery-status

                """ + fields + "--b--\n")));
    }

    @Test
    void garbageStatusCodesAndUnusableRecipientsAreSkipped() {
        Optional<DeliveryReport> report = reports.read(dsn("""
                Reporting-MTA: dns; mx.example.net

                Final-Recipient: rfc822; one@example.com
                Action: failed
                Status: 550

                Final-Recipient: rfc822; two@example.com
                Action: failed
                Status: 6.1.1

                Final-Recipient: rfc822; three@example.com
                Action: failed
                Status: 5.1.1.1

                Final-Recipient: rfc822; four@example.com
                Action: failed
                Status: 5.1234.1

                Final-Recipient: rfc822; five@example.com
                Action: failed
                Status: 5.x.1

                Final-Recipient: rfc822; six@example.com
                Action: failed

                Final-Recipient: rfc822; seven@example.com
                Action: bounced
                Status: 5.1.1

                Final-Recipient: rfc822; not an address
                Action: failed
                Status: 5.1.1

                Final-Recipient: unknown; eight@example.com
                Action: failed
                Status: 5.1.1

                Final-Recipient: rfc822; <>
                Action: failed
                Status: 5.1.1

                Final-Recipient: rfc822; nine@example.com
                Action: failed
                Status: 5.1.1 (the one good group)
                """));

        assertEquals(List.of(new RecipientStatus("nine@example.com", "failed", "5.1.1", "")), recipients(report));
    }

    @Test
    void tenThousandRecipientGroupsGiveTheFirstThousand() {
        StringBuilder fields = new StringBuilder("Reporting-MTA: dns; mx.example.net\n\n");
        for (int i = 0; i < 10_000; i++) {
            fields.append("Final-Recipient:rfc822;u").append(i).append("@x.io\nAction:failed\nStatus:5.1.1\n\n");
        }
        byte[] raw = dsn(fields.toString());

        List<RecipientStatus> recipients = assertTimeoutPreemptively(HANG_GUARD, () -> recipients(reports.read(raw)));

        assertEquals(Mime4jDeliveryReports.MAX_RECIPIENTS, recipients.size());
        assertEquals("u0@x.io", recipients.get(0).recipient());
        assertEquals("u999@x.io", recipients.get(999).recipient());
    }

    @Test
    void fiveMegabyteStatusPartIsReadOnlyAsFarAsItsCap() {
        StringBuilder fields = new StringBuilder("""
                Reporting-MTA: dns; mx.example.net

                Final-Recipient: rfc822; first@example.com
                Action: failed
                Status: 5.1.1

                Final-Recipient: rfc822; second@example.com
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1
                """);
        // one diagnostic folded over five megabytes: the group never ends within the cap, so it is left out
        String fold = " " + "x".repeat(98) + "\n";
        while (fields.length() < 5 * 1024 * 1024) {
            fields.append(fold);
        }
        fields.append("\nFinal-Recipient: rfc822; third@example.com\nAction: failed\nStatus: 5.1.1\n");
        byte[] raw = dsn(fields.toString());

        List<RecipientStatus> recipients = assertTimeoutPreemptively(HANG_GUARD, () -> recipients(reports.read(raw)));

        assertEquals(List.of("first@example.com"), recipients.stream().map(RecipientStatus::recipient).toList());
    }

    @Test
    void fiveMegabyteStatusPartWithoutAnEmptyLineIsNoReport() {
        StringBuilder fields = new StringBuilder("Final-Recipient: rfc822; a@example.com\nAction: failed\n"
                + "Status: 5.1.1\n");
        while (fields.length() < 5 * 1024 * 1024) {
            fields.append("X-Filler: ").append("y".repeat(80)).append('\n');
        }
        byte[] raw = dsn(fields.toString());

        assertEquals(Optional.empty(), assertTimeoutPreemptively(HANG_GUARD, () -> reports.read(raw)));
    }

    @Test
    void manyPartsAreNotAllRead() {
        StringBuilder raw = new StringBuilder("""
                From: a@example.net
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                """);
        for (int i = 0; i < 50_000; i++) {
            raw.append("--b\nContent-Type: text/plain\n\nx\n");
        }
        raw.append("""
                --b
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                Bounced.
                --r
                Content-Type: message/delivery-status

                Final-Recipient: rfc822; late@example.com
                Action: failed
                Status: 5.1.1
                --r--
                --b--
                """);
        byte[] bytes = utf8(raw.toString());

        assertEquals(Optional.empty(), assertTimeoutPreemptively(HANG_GUARD, () -> reports.read(bytes)));
    }

    @Test
    void reportInsideMoreThanTwoMultipartsIsNotLookedFor() {
        String report = """
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                Bounced.
                --r
                Content-Type: message/delivery-status

                Final-Recipient: rfc822; deep@example.com
                Action: failed
                Status: 5.1.1
                --r--
                """;
        String twoDeep = "Content-Type: multipart/mixed; boundary=\"m2\"\n\n--m2\n" + report + "--m2--\n";
        String threeDeep = "Content-Type: multipart/mixed; boundary=\"m3\"\n\n--m3\n" + twoDeep + "--m3--\n";

        assertEquals(1, recipients(reports.read(utf8("From: a@example.net\nMIME-Version: 1.0\n" + twoDeep))).size());
        assertEquals(1, recipients(reports.read(utf8("From: a@example.net\nMIME-Version: 1.0\n" + threeDeep)))
                .size());
        String fourDeep = "Content-Type: multipart/mixed; boundary=\"m4\"\n\n--m4\n" + threeDeep + "--m4--\n";
        assertEquals(Optional.empty(), reports.read(utf8("From: a@example.net\nMIME-Version: 1.0\n" + fourDeep)));
    }

    @Test
    void complaintWithoutFeedbackTypeIsNoReport() {
        assertEquals(Optional.empty(), reports.read(report("feedback-report", "message/feedback-report", """
                User-Agent: SomeISP-FBL/1.0
                Version: 1
                Original-Rcpt-To: reader@example.com
                """)));
        assertEquals(Optional.empty(), reports.read(report("feedback-report", "message/feedback-report", """
                Feedback-Type: <script>
                Version: 1
                """)));
    }

    @Test
    void hostileToOfTheReturnedHeadersIsReadInBoundedTime() {
        for (String to : List.of("(".repeat(60_000), "<".repeat(60_000), "\"".repeat(60_000),
                "a@b,".repeat(15_000), "=?utf-8?q?".repeat(6_000))) {
            byte[] raw = utf8("""
                    From: fbl@isp.example.net
                    MIME-Version: 1.0
                    Content-Type: multipart/report; report-type=feedback-report; boundary="b"

                    --b
                    Content-Type: text/plain

                    Spam.
                    --b
                    Content-Type: message/feedback-report

                    Feedback-Type: abuse
                    --b
                    Content-Type: text/rfc822-headers

                    To: %s

                    --b--
                    """.formatted(to));

            Optional<DeliveryReport> report = assertTimeoutPreemptively(HANG_GUARD, () -> reports.read(raw));

            ComplaintReport complaint = assertInstanceOf(ComplaintReport.class, report.orElseThrow());
            assertEquals("abuse", complaint.feedbackType());
            assertTrue(complaint.recipients().size() <= Mime4jDeliveryReports.MAX_RECIPIENTS);
        }
    }

    @Test
    void tooManyHeaderFieldsIsNoReport() {
        byte[] raw = utf8("X-Filler: 1\n".repeat(Mime4jDeliveryReports.MAX_HEADER_FIELDS + 1)
                + new String(sample("postfix-user-unknown.eml"), StandardCharsets.UTF_8));

        assertEquals(Optional.empty(), reports.read(raw));
    }

    // --- folding and field syntax ---

    @Test
    void foldedFieldsAreUnfoldedAndNamesAreCaseInsensitive() {
        Optional<DeliveryReport> report = reports.read(dsn("""
                reporting-mta: dns;
                 mx.example.net

                FINAL-RECIPIENT: rfc822;
                \t<Folded.User@Example.COM>
                action:
                  failed
                status:
                 5.1.1
                diagnostic-code: smtp;
                 550 5.1.1
                \tno such
                    user
                """));

        assertEquals(List.of(new RecipientStatus("folded.user@example.com", "failed", "5.1.1", "550 5.1.1 no such user")),
                recipients(report));
    }

    @Test
    void originalRecipientStandsInForAnUnusableFinalRecipient() {
        Optional<DeliveryReport> report = reports.read(dsn("""
                Reporting-MTA: dns; mx.example.net

                Final-Recipient: x400; /c=us/s=smith/
                Original-Recipient: rfc822; smith@example.com
                Action: failed
                Status: 5.1.1
                """));

        assertEquals("smith@example.com", recipients(report).get(0).recipient());
    }

    @Test
    void readsBareLineFeedsAsWellAsCrLf() {
        byte[] lf = sample("postfix-user-unknown.eml");
        byte[] bare = new String(lf, StandardCharsets.UTF_8).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);

        assertEquals(reports.read(lf), reports.read(bare));
    }

    // --- real reports ---

    @Test
    void postfixUserUnknownIsAHardBounce() {
        List<RecipientStatus> recipients = recipients(reports.read(sample("postfix-user-unknown.eml")));

        assertEquals(List.of(new RecipientStatus("nosuchuser@example.com", "failed", "5.1.1",
                "550 5.1.1 <NoSuchUser@example.com>: Recipient address rejected: User unknown in virtual mailbox "
                        + "table")), recipients);
        assertTrue(recipients.get(0).hardBounce());
    }

    @Test
    void postfixDelayNoticeIsASoftBounce() {
        List<RecipientStatus> recipients = recipients(reports.read(sample("postfix-delayed.eml")));

        assertEquals(List.of(new RecipientStatus("someone@slow.example.org", "delayed", "4.4.1",
                "connect to mx.slow.example.org[192.0.2.44]:25: Connection timed out")), recipients);
        assertTrue(recipients.get(0).softBounce());
        assertFalse(recipients.get(0).hardBounce());
    }

    @Test
    void exchangeOnlineNdr() {
        assertEquals(List.of(new RecipientStatus("j.smith@contoso.com", "failed", "5.1.10",
                        "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup")),
                recipients(reports.read(sample("exchange-online-ndr.eml"))));
    }

    @Test
    void gmailBounceWithItsFoldedDiagnostic() {
        List<RecipientStatus> recipients = recipients(reports.read(sample("gmail-bounce.eml")));

        assertEquals(1, recipients.size());
        RecipientStatus gone = recipients.get(0);
        assertEquals("gone.away@gmail.com", gone.recipient());
        assertEquals("5.1.1", gone.status());
        assertTrue(gone.hardBounce());
        assertTrue(gone.diagnostic().startsWith("550-5.1.1 The email account that you tried to reach does not exist."),
                gone.diagnostic());
        assertTrue(gone.diagnostic().endsWith("5b1f17b1804b1-4346ae27e44sor2239515e9.4 - gsmtp"), gone.diagnostic());
    }

    @Test
    void multiRecipientReportKeepsEachUsableGroupInOrder() {
        assertEquals(List.of(
                        new RecipientStatus("alice@example.org", "failed", "5.2.2", "552 5.2.2 Mailbox full"),
                        new RecipientStatus("bob@example.org", "delivered", "2.0.0", "250 2.0.0 Ok: queued as 9A1B2C3D"),
                        new RecipientStatus("dave@example.org", "relayed", "2.0.0", ""),
                        new RecipientStatus("erin@example.org", "failed", "4.2.0", "452 4.2.0 Try again later")),
                recipients(reports.read(sample("multi-recipient.eml"))));
    }

    @Test
    void reportNestedInMultipartMixed() {
        assertEquals(List.of(new RecipientStatus("frank@example.com", "failed", "5.7.1",
                        "550 5.7.1 Message rejected by policy")),
                recipients(reports.read(sample("nested-in-mixed.eml"))));
    }

    @Test
    void globalDeliveryStatusWithUtf8Addresses() {
        assertEquals(List.of(
                        new RecipientStatus("jörg@bücher.example", "failed", "5.1.1", "550 5.1.1 Empfänger unbekannt"),
                        new RecipientStatus("séverine@bücher.example", "delayed", "4.2.1",
                                "450 4.2.1 Postfach vorübergehend gesperrt")),
                recipients(reports.read(sample("global-delivery-status.eml"))));
    }

    @Test
    void yahooFeedbackReport() {
        assertEquals(Optional.of(new ComplaintReport("abuse", List.of("some.reader@yahoo.com"),
                        "bounces+deals@openmail.example")),
                reports.read(sample("arf-yahoo.eml")));
    }

    @Test
    void feedbackReportWithoutOriginalRcptToTakesTheReturnedHeadersTo() {
        assertEquals(Optional.of(new ComplaintReport("abuse",
                        List.of("some.reader@isp.example.net", "second@isp.example.net"), "")),
                reports.read(sample("arf-without-rcpt-to.eml")));
    }

    @Test
    void feedbackReportWithoutAnyRecipientStillNamesItsType() {
        assertEquals(Optional.of(new ComplaintReport("fraud", List.of(), "")),
                reports.read(report("feedback-report", "message/feedback-report", """
                        Feedback-Type: fraud
                        User-Agent: SomeISP-FBL/1.0
                        Version: 1
                        Original-Mail-From: <>
                        """)));
    }

    @Test
    void isTheReadDeliveryReportsBean() {
        try (ApplicationContext context = ApplicationContext.builder().environmentPropertySource(false).start()) {
            assertInstanceOf(Mime4jDeliveryReports.class, context.getBean(ReadDeliveryReports.class));
        }
    }

    // --- helpers ---

    private static List<RecipientStatus> recipients(Optional<DeliveryReport> report) {
        assertTrue(report.isPresent(), "no report read");
        return assertInstanceOf(StatusReport.class, report.get()).recipients();
    }

    /** A sample from src/test/resources/reports, with CRLF line ends as on the wire. */
    private static byte[] sample(String name) {
        try (InputStream in = Mime4jDeliveryReportsTest.class.getResourceAsStream("/reports/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return utf8(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] dsn(String fields) {
        return report("delivery-status", "message/delivery-status", fields);
    }

    private static byte[] report(String reportType, String partType, String fields) {
        StringBuilder raw = new StringBuilder()
                .append("From: mailer-daemon@example.net\n")
                .append("To: bounces@openmail.example\n")
                .append("MIME-Version: 1.0\n")
                .append("Content-Type: multipart/report; report-type=").append(reportType)
                .append("; boundary=\"=_report\"\n\n")
                .append("--=_report\nContent-Type: text/plain\n\nThis is a report.\n\n")
                .append("--=_report\nContent-Type: ").append(partType).append("\n\n")
                .append(fields)
                .append("\n--=_report--\n");
        return utf8(raw.toString());
    }
}
