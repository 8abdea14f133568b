package dev.openmail.domain.mail;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Whether mail from outside claims a sender this installation hosts. Mail that names one of our domains in its From
 * address (the installation's own domain, or any account's verified custom domain) must prove it with DMARC, since
 * every real sender on those domains is one of our inboxes and mail between them never crosses SMTP. Anything else
 * is a stranger speaking as a local sender, and must never look like local mail.
 */
public final class LocalSenders {

    private LocalSenders() {
    }

    /**
     * True when {@code fromAddress} is on a domain {@code hosted} answers for and {@code authentication} (verdicts of
     * a message from an SMTP client) has no DMARC pass. A message with no From address, or no verdicts (filed
     * internally, not from a client), is never a spoofed local sender.
     */
    public static boolean isSpoofed(String fromAddress, Authentication authentication, Predicate<String> hosted) {
        if (authentication == null || authentication.dmarc() == AuthResult.PASS) {
            return false;
        }
        String domain = domainOf(fromAddress);
        return domain != null && hosted.test(domain);
    }

    /** The lower-case domain after the last {@code @}, or null when there is none. */
    static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return null;
        }
        String domain = address.substring(at + 1).strip();
        if (domain.endsWith(">")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return domain.isEmpty() ? null : domain.toLowerCase(Locale.ROOT);
    }
}
