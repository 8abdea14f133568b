package dev.openmail.domain.port.out;

import java.util.List;

public interface RelayMail {

    /**
     * Hands the message to the configured relay for these recipients. Throws {@link RelayUnavailableException} when it
     * may work later (relay down, 4xx) and {@link RelayRefusedException} when it never will (5xx for every recipient).
     */
    void relay(String envelopeFrom, List<String> recipients, byte[] raw);

    final class RelayUnavailableException extends RuntimeException {
        public RelayUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    final class RelayRefusedException extends RuntimeException {
        public RelayRefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
