package dev.openmail.bootstrap.support;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IndependentHmacTest {

    /** RFC 4231, test case 2. */
    @Test
    void matchesTheRfc4231Vector() {
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                IndependentHmac.hex("Jefe", "what do ya want for nothing?"));
    }

    /** Keys longer than a block are hashed first; checked against the JDK's implementation. */
    @Test
    void agreesWithTheJdkForLongAndUnicodeKeys() throws Exception {
        String message = "1700000000.{\"event\":\"message.received\",\"subject\":\"\u00e9\"}";
        for (String key : new String[]{"whsec_" + "k".repeat(100), "cl\u00e9 \uD83D\uDE80"}) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            assertEquals(HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8))),
                    IndependentHmac.hex(key, message), key);
        }
    }
}
