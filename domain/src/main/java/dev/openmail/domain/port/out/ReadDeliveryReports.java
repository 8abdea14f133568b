package dev.openmail.domain.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a message that came back to a bounce address: a delivery status notification (RFC 3464) or an abuse feedback
 * report (RFC 5965). Anything else, and anything malformed, is {@link Optional#empty()}; reading is bounded in time and
 * memory whatever the bytes are.
 */
public interface ReadDeliveryReports {

    Optional<DeliveryReport> read(byte[] raw);

    sealed interface DeliveryReport permits StatusReport, ComplaintReport {
    }

    /** A DSN: one entry per recipient it reports on. */
    record StatusReport(List<RecipientStatus> recipients) implements DeliveryReport {
        public StatusReport {
            recipients = List.copyOf(recipients);
        }
    }

    /**
     * One per-recipient block of a DSN. {@code recipient} is the Final-Recipient's address (else the
     * Original-Recipient's), lower-cased, without its address type; {@code action} is lower-case ({@code failed},
     * {@code delayed}, {@code delivered}, {@code relayed}, {@code expanded}); {@code status} is the dotted code such as
     * {@code 5.1.1}; {@code diagnostic} is the Diagnostic-Code's text, or empty.
     */
    record RecipientStatus(String recipient, String action, String status, String diagnostic) {
        public RecipientStatus {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(status, "status");
            diagnostic = diagnostic == null ? "" : diagnostic;
        }

        /** A permanent failure: action failed and a 5.x.x status. */
        public boolean hardBounce() {
            return action.equals("failed") && status.startsWith("5.");
        }

        /** A temporary failure: action failed or delayed with a 4.x.x status. */
        public boolean softBounce() {
            return (action.equals("failed") || action.equals("delayed")) && status.startsWith("4.");
        }
    }

    /**
     * An ARF report. {@code feedbackType} is lower-case ({@code abuse}, {@code fraud}, ...); {@code recipients} are the
     * Original-Rcpt-To addresses when given (lower-cased); {@code originalMailFrom} is the Original-Mail-From address,
     * or empty.
     */
    record ComplaintReport(String feedbackType, List<String> recipients, String originalMailFrom)
            implements DeliveryReport {
        public ComplaintReport {
            Objects.requireNonNull(feedbackType, "feedbackType");
            recipients = List.copyOf(recipients);
            originalMailFrom = originalMailFrom == null ? "" : originalMailFrom;
        }
    }
}
