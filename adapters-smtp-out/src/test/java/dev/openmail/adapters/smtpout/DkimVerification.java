package dev.openmail.adapters.smtpout;

import dev.openmail.domain.maildomain.DkimKey;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;

/** jDKIM's verifier with DNS replaced by the one key a test publishes. */
final class DkimVerification {

    private DkimVerification() {
    }

    /** The signatures that verify, each looked up at {@code <selector>._domainkey.<domain>}; empty when none does. */
    static List<SignatureRecord> verify(byte[] message, String domain, DkimKey published) {
        PublicKeyRecordRetriever dns = (method, selector, token) -> {
            if ("dns/txt".contentEquals(method) && published.selector().contentEquals(selector)
                    && domain.contentEquals(token)) {
                return List.of(published.txtValue());
            }
            throw new PermFailException("no key published at " + selector + "._domainkey." + token);
        };
        try {
            List<SignatureRecord> verified = new DKIMVerifier(dns).verify(new ByteArrayInputStream(message));
            return verified == null ? List.of() : verified;
        } catch (FailException e) {
            return List.of();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static boolean verifies(byte[] message, String domain, DkimKey published) {
        return !verify(message, domain, published).isEmpty();
    }
}
