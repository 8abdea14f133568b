package dev.openmail.domain.mail;

import dev.openmail.domain.port.out.DnsLookup;
import dev.openmail.domain.port.out.DnsUnavailableException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * DMARC evaluation (RFC 7489): whether a passing SPF or DKIM identity is aligned with the From domain, and the policy
 * the From domain (or its organizational domain) publishes at {@code _dmarc}.
 *
 * <p>The organizational domain is found by a simple public-suffix rule rather than the Public Suffix List: the last two
 * labels, or the last three when the last two are one of a small list of well-known second-level registries
 * ({@code co.uk}, {@code com.au}, ...). Its limits: a suffix not in that list (private registries such as
 * {@code github.io}, or less common country registries) makes two unrelated tenants of that suffix look like one
 * organization under relaxed alignment, or a three-label organization look like a subdomain of its registry.
 */
public final class Dmarc {

    private static final Set<String> SECOND_LEVEL_SUFFIXES = Set.of(
            "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "net.uk", "ltd.uk", "plc.uk",
            "com.au", "net.au", "org.au", "edu.au", "gov.au",
            "co.nz", "org.nz", "net.nz", "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp",
            "com.br", "net.br", "org.br", "com.cn", "net.cn", "org.cn", "com.mx", "co.in", "co.za",
            "com.tr", "co.kr", "com.tw", "com.sg", "com.hk", "co.il", "com.ar");

    private Dmarc() {
    }

    /** A policy word of {@code p=} or {@code sp=}. */
    public enum Policy {
        NONE, QUARANTINE, REJECT;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A parsed DMARC record: policy, subdomain policy (null when absent) and the two alignment modes. */
    public record Record(Policy policy, Policy subdomainPolicy, boolean strictDkim, boolean strictSpf) {

        /** Parses a TXT value; empty when it is not a valid DMARC record (RFC 7489 §6.3, §6.6.3). */
        public static Optional<Record> parse(String txt) {
            if (txt == null) {
                return Optional.empty();
            }
            String[] tags = txt.split(";");
            if (tags.length == 0 || !tags[0].strip().replace(" ", "").equals("v=DMARC1")) {
                return Optional.empty();
            }
            Policy policy = null;
            Policy subdomainPolicy = null;
            boolean strictDkim = false;
            boolean strictSpf = false;
            boolean hasRua = false;
            for (int i = 1; i < tags.length; i++) {
                String tag = tags[i].strip();
                int eq = tag.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = tag.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = tag.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "p" -> policy = policy(value);
                    case "sp" -> subdomainPolicy = policy(value);
                    case "adkim" -> strictDkim = value.equals("s");
                    case "aspf" -> strictSpf = value.equals("s");
                    case "rua" -> hasRua = true;
                    default -> {
                        // other tags (pct, ruf, fo, rf, ri) do not change the result
                    }
                }
            }
            if (policy == null) {
                // §6.6.3: a record without a valid p= counts as p=none when it names a report address
                if (!hasRua) {
                    return Optional.empty();
                }
                policy = Policy.NONE;
            }
            return Optional.of(new Record(policy, subdomainPolicy, strictDkim, strictSpf));
        }

        private static Policy policy(String value) {
            return switch (value) {
                case "none" -> Policy.NONE;
                case "quarantine" -> Policy.QUARANTINE;
                case "reject" -> Policy.REJECT;
                default -> null;
            };
        }
    }

    /** The outcome: the RFC 8601 word and the policy that applies (null when there is no record). */
    public record Verdict(AuthResult result, Policy policy) {

        /** Whether the domain owner asks receivers to quarantine or reject this message. */
        public boolean failsEnforcedPolicy() {
            return result == AuthResult.FAIL && policy != null && policy != Policy.NONE;
        }
    }

    /**
     * Evaluates DMARC for a message whose From domain is {@code fromDomain}. {@code spfResult} is the SPF result for
     * {@code spfDomain} (the envelope sender's domain, or the HELO name); {@code dkimPassDomains} the {@code d=} of
     * each signature that verified. A DNS failure gives temperror; no (valid) record, none.
     */
    public static Verdict evaluate(String fromDomain, AuthResult spfResult, String spfDomain,
                                   Collection<String> dkimPassDomains, DnsLookup dns) {
        if (fromDomain == null || fromDomain.isBlank()) {
            return new Verdict(AuthResult.NONE, null);
        }
        String from = normalized(fromDomain);
        String organizational = organizationalDomain(from);
        Optional<Record> record;
        boolean subdomain = false;
        try {
            record = lookup(from, dns);
            if (record == null) {
                return new Verdict(AuthResult.PERMERROR, null);
            }
            if (record.isEmpty() && !organizational.equals(from)) {
                record = lookup(organizational, dns);
                if (record == null) {
                    return new Verdict(AuthResult.PERMERROR, null);
                }
                subdomain = true;
            }
        } catch (DnsUnavailableException e) {
            return new Verdict(AuthResult.TEMPERROR, null);
        }
        if (record.isEmpty()) {
            return new Verdict(AuthResult.NONE, null);
        }
        Record dmarc = record.get();
        Policy policy = subdomain && dmarc.subdomainPolicy() != null ? dmarc.subdomainPolicy() : dmarc.policy();
        boolean spfAligned = spfResult == AuthResult.PASS && spfDomain != null
                && aligned(from, normalized(spfDomain), dmarc.strictSpf());
        boolean dkimAligned = dkimPassDomains.stream()
                .anyMatch(d -> d != null && aligned(from, normalized(d), dmarc.strictDkim()));
        return new Verdict(spfAligned || dkimAligned ? AuthResult.PASS : AuthResult.FAIL, policy);
    }

    /** Whether an authenticated identity's domain is aligned with the From domain (RFC 7489 §3.1). */
    public static boolean aligned(String fromDomain, String identityDomain, boolean strict) {
        String from = normalized(fromDomain);
        String identity = normalized(identityDomain);
        if (strict) {
            return from.equals(identity);
        }
        return organizationalDomain(from).equals(organizationalDomain(identity));
    }

    /** The organizational domain by the simple public-suffix rule described on this class. */
    public static String organizationalDomain(String domain) {
        String name = normalized(domain);
        String[] labels = name.split("\\.");
        if (labels.length <= 2) {
            return name;
        }
        String lastTwo = labels[labels.length - 2] + "." + labels[labels.length - 1];
        int keep = SECOND_LEVEL_SUFFIXES.contains(lastTwo) ? 3 : 2;
        List<String> kept = new ArrayList<>(List.of(labels).subList(labels.length - keep, labels.length));
        return String.join(".", kept);
    }

    /** Empty when there is no valid record, null when there are several (an error, RFC 7489 §6.6.3). */
    private static Optional<Record> lookup(String domain, DnsLookup dns) {
        List<Record> found = new ArrayList<>();
        for (String txt : dns.txt("_dmarc." + domain)) {
            Record.parse(txt).ifPresent(found::add);
        }
        if (found.size() > 1) {
            return null;
        }
        return found.stream().findFirst();
    }

    private static String normalized(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
