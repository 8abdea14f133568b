package dev.openmail.adapters.dns;

import dev.openmail.domain.mail.AuthResult;
import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.mail.Dmarc;
import dev.openmail.domain.port.out.AuthenticateMail;
import dev.openmail.domain.port.out.DnsUnavailableException;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.jspf.executor.SPFResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPF (Apache James jSPF), DKIM (Apache James jDKIM) and DMARC ({@link Dmarc}) for a received message, every lookup
 * through {@link DnsJavaLookup} (the configured resolver, a few seconds per query). The whole check runs on its own
 * thread and is given {@link #DEFAULT_BUDGET}; past it, or on any unexpected failure, every verdict is temperror.
 */
@Singleton
public final class MailAuthenticator implements AuthenticateMail {

    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(8);
    private static final Logger LOG = LoggerFactory.getLogger(MailAuthenticator.class);

    private final DnsJavaLookup dns;
    private final Duration budget;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "mail-authentication");
        thread.setDaemon(true);
        return thread;
    });

    @jakarta.inject.Inject
    public MailAuthenticator(DnsJavaLookup dns) {
        this(dns, DEFAULT_BUDGET);
    }

    public MailAuthenticator(DnsJavaLookup dns, Duration budget) {
        this.dns = dns;
        this.budget = budget;
    }

    @Override
    public AuthenticateMail.Outcome authenticate(Request request) {
        Future<AuthenticateMail.Outcome> check = executor.submit(() -> check(request));
        try {
            return check.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            check.cancel(true);
            LOG.info("Authenticating a message from {} took more than {}, temperror", request.clientIp(), budget);
            return everything(request, AuthResult.TEMPERROR);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return everything(request, AuthResult.TEMPERROR);
        } catch (ExecutionException e) {
            LOG.warn("Authenticating a message from {} failed, temperror", request.clientIp(), e.getCause());
            return everything(request, AuthResult.TEMPERROR);
        }
    }

    private AuthenticateMail.Outcome check(Request request) {
        String spfDomain = spfDomain(request);
        AuthResult spf = spf(request);
        KeyRetriever keys = new KeyRetriever();
        List<Result> signatures = dkim(request.raw(), keys);
        AuthResult dkim = AuthResult.NONE;
        List<String> dkimPassDomains = new ArrayList<>();
        for (Result signature : signatures) {
            AuthResult result = dkimResult(signature, keys);
            if (result.rank() < dkim.rank()) {
                dkim = result;
            }
            if (result == AuthResult.PASS && signature.getRecord() != null) {
                dkimPassDomains.add(signature.getRecord().getDToken().toString());
            }
        }
        String fromDomain = HeaderFrom.domain(request.raw());
        Dmarc.Verdict dmarc = fromDomain == null
                ? new Dmarc.Verdict(AuthResult.NONE, null)
                : Dmarc.evaluate(fromDomain, spf, spfDomain, dkimPassDomains, dns);

        StringBuilder header = new StringBuilder(clean(request.authservId()));
        header.append(";\r\n\tspf=").append(spf.word());
        if (request.envelopeSender() != null && !request.envelopeSender().isBlank()) {
            header.append(" smtp.mailfrom=").append(clean(request.envelopeSender()));
        } else if (request.helo() != null) {
            header.append(" smtp.helo=").append(clean(request.helo()));
        }
        header.append(";\r\n\tdkim=").append(dkim.word());
        Result best = signatures.stream().filter(s -> dkimResult(s, keys) == AuthResult.PASS).findFirst()
                .orElse(signatures.isEmpty() ? null : signatures.get(0));
        if (best != null && best.getRecord() != null) {
            header.append(" header.d=").append(clean(best.getRecord().getDToken().toString()));
        }
        header.append(";\r\n\tdmarc=").append(dmarc.result().word());
        if (dmarc.policy() != null) {
            header.append(" (p=").append(dmarc.policy().word()).append(')');
        }
        if (fromDomain != null) {
            header.append(" header.from=").append(clean(fromDomain));
        }
        return new AuthenticateMail.Outcome(new Authentication(spf, dkim, dmarc.result()), header.toString());
    }

    private AuthResult spf(Request request) {
        if (request.clientIp() == null || request.clientIp().isBlank()) {
            return AuthResult.NONE;
        }
        String sender = request.envelopeSender() == null ? "" : request.envelopeSender();
        String helo = request.helo() == null ? "" : request.helo();
        if (sender.isEmpty() && helo.isEmpty()) {
            return AuthResult.NONE;
        }
        try {
            SPFResult result = new JspfDns(dns).checker().checkSPF(request.clientIp(), sender, helo);
            return AuthResult.ofWord(result.getResult());
        } catch (RuntimeException e) {
            LOG.info("SPF check of {} for {} failed: {}", request.clientIp(), sender, e.toString());
            return AuthResult.TEMPERROR;
        }
    }

    private List<Result> dkim(byte[] raw, KeyRetriever keys) {
        DKIMVerifier verifier = new DKIMVerifier(keys);
        try {
            verifier.verify(new ByteArrayInputStream(raw));
        } catch (FailException e) {
            // every signature failed; the results say how
        } catch (Exception e) {
            LOG.info("DKIM verification could not read the message: {}", e.toString());
            return List.of();
        }
        List<Result> results = verifier.getResults();
        return results == null ? List.of() : results;
    }

    /** jDKIM says fail for a signature whose key is not published; RFC 6376 §6.1.2 makes that a permerror. */
    private static AuthResult dkimResult(Result result, KeyRetriever keys) {
        if (result.getResultType() == Result.Type.FAIL && result.getRecord() != null
                && keys.missing.contains(keyName(result.getRecord().getSelector(), result.getRecord().getDToken()))) {
            return AuthResult.PERMERROR;
        }
        return switch (result.getResultType()) {
            case PASS -> AuthResult.PASS;
            case FAIL -> AuthResult.FAIL;
            case NEUTRAL, POLICY -> AuthResult.NEUTRAL;
            case TEMPERROR -> AuthResult.TEMPERROR;
            case PERMERROR -> AuthResult.PERMERROR;
            case NONE -> AuthResult.NONE;
        };
    }

    /** The domain SPF was checked for: the envelope sender's, or the HELO name for the null sender. */
    private static String spfDomain(Request request) {
        String sender = request.envelopeSender();
        if (sender != null && sender.indexOf('@') >= 0) {
            return sender.substring(sender.lastIndexOf('@') + 1);
        }
        return request.helo();
    }

    private static AuthenticateMail.Outcome everything(Request request, AuthResult result) {
        return new AuthenticateMail.Outcome(new Authentication(result, result, result),
                clean(request.authservId()) + "; spf=" + result.word() + "; dkim=" + result.word() + "; dmarc="
                        + result.word());
    }

    /** A value as it may appear in the header: no control characters, no separators, at most 255 characters. */
    static String clean(String value) {
        StringBuilder cleaned = new StringBuilder();
        for (int i = 0; i < value.length() && cleaned.length() < 255; i++) {
            char c = value.charAt(i);
            if (c > ' ' && c < 127 && c != ';' && c != '(' && c != ')' && c != '"' && c != '\\') {
                cleaned.append(c);
            }
        }
        return cleaned.toString().toLowerCase(Locale.ROOT);
    }

    private static String keyName(CharSequence selector, CharSequence domain) {
        return (selector + "._domainkey." + domain).toLowerCase(Locale.ROOT);
    }

    /** The key at {@code selector._domainkey.domain}, asked through the same resolver; remembers names without one. */
    private final class KeyRetriever implements PublicKeyRecordRetriever {
        private final java.util.Set<String> missing = new java.util.HashSet<>();

        @Override
        public List<String> getRecords(CharSequence methodAndOptions, CharSequence selector, CharSequence token)
                throws TempFailException, PermFailException {
            if (!"dns/txt".equalsIgnoreCase(methodAndOptions.toString())) {
                throw new PermFailException("Only dns/txt is supported: " + methodAndOptions);
            }
            String name = keyName(selector, token);
            try {
                List<String> records = dns.txt(name);
                if (records.isEmpty()) {
                    missing.add(name);
                }
                return records;
            } catch (DnsUnavailableException e) {
                throw new TempFailException(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new PermFailException("Not a valid key name: " + name);
            }
        }
    }

    /** Reads the domain of the first address in the header {@code From} (RFC 5322), without a parser. */
    static final class HeaderFrom {
        private HeaderFrom() {
        }

        static String domain(byte[] raw) {
            String value = fromValue(raw);
            if (value == null) {
                return null;
            }
            int open = value.indexOf('<');
            String address = value;
            if (open >= 0) {
                int close = value.indexOf('>', open);
                address = close > open ? value.substring(open + 1, close) : value.substring(open + 1);
            } else {
                int comma = value.indexOf(',');
                if (comma >= 0) {
                    address = value.substring(0, comma);
                }
            }
            int at = address.lastIndexOf('@');
            if (at < 0) {
                return null;
            }
            String domain = address.substring(at + 1).strip();
            int space = domain.indexOf(' ');
            if (space >= 0) {
                domain = domain.substring(0, space);
            }
            domain = domain.toLowerCase(Locale.ROOT);
            return domain.isEmpty() || domain.length() > 253 ? null : domain;
        }

        /** The unfolded value of the first From field of the header block, null when there is none. */
        private static String fromValue(byte[] raw) {
            String text = new String(raw, 0, Math.min(raw.length, 256 * 1024), StandardCharsets.ISO_8859_1);
            int position = 0;
            while (position < text.length()) {
                int end = text.indexOf('\n', position);
                if (end < 0) {
                    end = text.length();
                }
                String line = text.substring(position, end);
                if (line.isEmpty() || line.equals("\r")) {
                    return null;
                }
                if (line.regionMatches(true, 0, "From:", 0, 5)) {
                    StringBuilder value = new StringBuilder(line.substring(5));
                    int next = end + 1;
                    while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
                        int nextEnd = text.indexOf('\n', next);
                        if (nextEnd < 0) {
                            nextEnd = text.length();
                        }
                        value.append(' ').append(text, next, nextEnd);
                        next = nextEnd + 1;
                    }
                    return value.toString().replace("\r", "").strip();
                }
                position = end + 1;
            }
            return null;
        }
    }
}
