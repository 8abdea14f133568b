package dev.openmail.adapters.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.port.out.ReadDeliveryReports.DeliveryReport;
import dev.openmail.domain.port.out.ReadDeliveryReports.StatusReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Broken copies of the real reports: cut anywhere, or with a byte changed anywhere. Reading never throws, and what a
 * broken copy gives is never more than the whole report says: a cut report is no report (its last group may have lost
 * the end of a value, an address among them), and a changed byte changes at most the one value it falls in.
 */
class Mime4jDeliveryReportsPropertiesTest {

    private static final List<String> SAMPLES = List.of("postfix-user-unknown.eml", "postfix-delayed.eml",
            "exchange-online-ndr.eml", "gmail-bounce.eml", "multi-recipient.eml", "nested-in-mixed.eml",
            "global-delivery-status.eml", "arf-yahoo.eml", "arf-without-rcpt-to.eml");

    private final Mime4jDeliveryReports reports = new Mime4jDeliveryReports();

    @Property(tries = 500)
    void aCutReportIsNoReport(@ForAll("samples") String name, @ForAll("fractions") double where) {
        byte[] whole = sample(name);
        int at = (int) (where * whole.length);
        byte[] cut = Arrays.copyOf(whole, at);

        Optional<DeliveryReport> report = reports.read(cut);

        // up to its closing delimiter's last but two characters, the report multipart is unfinished
        if (at <= reportClosing(whole)) {
            assertEquals(Optional.empty(), report, "cut at " + at + " of " + name);
        }
    }

    @Property(tries = 500)
    void aChangedByteNeverAddsRecipients(@ForAll("samples") String name, @ForAll("fractions") double where,
                                         @ForAll byte value) {
        byte[] whole = sample(name);
        Optional<DeliveryReport> expected = reports.read(whole);
        byte[] changed = whole.clone();
        changed[(int) (where * (whole.length - 1))] = value;

        Optional<DeliveryReport> report = reports.read(changed);

        if (report.isPresent() && report.get() instanceof StatusReport status
                && expected.orElseThrow() instanceof StatusReport full) {
            assertTrue(status.recipients().size() <= full.recipients().size(), name);
            assertTrue(status.recipients().stream().filter(r -> !full.recipients().contains(r)).count() <= 1, name);
        }
    }

    @Provide
    Arbitrary<String> samples() {
        return Arbitraries.of(SAMPLES);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1).ofScale(4);
    }

    /** Where the multipart/report's closing delimiter {@code --boundary--} has all but its last two characters. */
    private static int reportClosing(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int parameter = text.indexOf("boundary=\"", text.indexOf("multipart/report")) + "boundary=\"".length();
        String boundary = text.substring(parameter, text.indexOf('"', parameter));
        return text.indexOf("--" + boundary + "--") + 2 + boundary.length();
    }

    private static byte[] sample(String name) {
        try (InputStream in = Mime4jDeliveryReportsPropertiesTest.class.getResourceAsStream("/reports/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\n", "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
