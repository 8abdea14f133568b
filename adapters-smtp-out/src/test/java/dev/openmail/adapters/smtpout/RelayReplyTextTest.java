package dev.openmail.adapters.smtpout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A relay's reply, put on one line for an error message, in time linear in its length. */
class RelayReplyTextTest {

    @Test
    void eachRunOfWhiteSpaceWithALineBreakBecomesABar() {
        assertEquals("550 5.1.1 no such user | try again later",
                SmtpRelay.oneLine("  550 5.1.1 no such user \r\n  try again later\n"));
        assertEquals("a | b | c", SmtpRelay.oneLine("a\n\n\nb \t\r\n\r\n c"));
        assertEquals("a  b\tc", SmtpRelay.oneLine("a  b\tc"));
        assertEquals("", SmtpRelay.oneLine(null));
        assertEquals("", SmtpRelay.oneLine(" \r\n "));
    }

    @Test
    void agreesWithTheRegularExpressionItReplaced() {
        Random random = new Random(7);
        String alphabet = "ab \t\r\n\f\u000B";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(12); length > 0; length--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String reply = text.toString();
            assertEquals(reply.strip().replaceAll("\\s*[\\r\\n]+\\s*", " | "), SmtpRelay.oneLine(reply), reply);
        }
    }

    /** 40,000 spaces without a line break took 36 s with the regular expression. */
    @Test
    void aMegabyteOfSpacesIsQuick() {
        String reply = "550" + " ".repeat(1_000_000) + "x" + " \t".repeat(500_000) + "\n" + " ".repeat(1000) + "y";
        String line = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> SmtpRelay.oneLine(reply));
        assertEquals(("550" + " ".repeat(1_000_000) + "x | y"), line);
    }
}
