package dev.openmail.adapters.smtpout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelaySettingsTest {

    @Test
    void usernameWithoutPasswordOrTheReverseIsAMistake() {
        RelaySettings relay = RelaySettings.plain("smtp.relay.example", 587);

        assertThrows(IllegalArgumentException.class, () -> relay.withCredentials("relayuser", ""));
        assertThrows(IllegalArgumentException.class, () -> relay.withCredentials(" ", "s3cret"));
        assertTrue(relay.withCredentials("relayuser", "s3cret").authenticates());
        assertFalse(relay.withCredentials("", "").authenticates());
    }

    @Test
    void portAndTimeoutMustBeUsable() {
        assertThrows(IllegalArgumentException.class, () -> RelaySettings.plain("smtp.relay.example", 0));
        assertThrows(IllegalArgumentException.class, () -> RelaySettings.plain("smtp.relay.example", 65536));
        assertThrows(IllegalArgumentException.class,
                () -> RelaySettings.plain("smtp.relay.example", 25).withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RelaySettings.fromConfiguration("smtp.relay.example", 25,
                "", "", false, 0, "", ""));
    }

    @Test
    void blankHostMeansNotConfigured() {
        assertFalse(RelaySettings.plain(" ", 25).configured());
        assertTrue(RelaySettings.plain("smtp.relay.example", 25).configured());
    }

    @Test
    void heloNameFallsBackToTheMxHostThenToLocalhost() {
        assertEquals("mx.openmail.example", RelaySettings.fromConfiguration("smtp.relay.example", 25, "", "", false,
                30, " ", "mx.openmail.example").heloName());
        assertEquals("localhost", RelaySettings.fromConfiguration("smtp.relay.example", 25, "", "", false,
                30, "", "").heloName());
    }

    @Test
    void thePasswordStaysOutOfTheTextForm() {
        String text = RelaySettings.plain("smtp.relay.example", 25).withCredentials("relayuser", "s3cret").toString();

        assertFalse(text.contains("s3cret"), text);
        assertTrue(text.contains("relayuser"), text);
    }
}
