package dev.openmail.domain.maildomain;

import dev.openmail.domain.access.Place;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.NotFoundException;
import dev.openmail.domain.pod.PodId;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A custom domain of an account, on which its inboxes may have addresses once the domain is verified. Holds the rules
 * of domain scoping: which pods may use it, when its scope may change, when it may be deleted, and when it counts as
 * verified.
 */
public final class MailDomain {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String SPF_VALUE = "v=spf1 mx ~all";
    static final String OWNERSHIP_PREFIX = "openmail-verification=";
    static final int MX_PRIORITY = 10;

    private final DomainId id;
    private final AccountId accountId;
    private final DomainName name;
    private final DomainScope scope;
    private final DomainStatus status;
    private final DkimKey dkim;
    private final String ownershipToken;
    private final Map<DnsRecord.Purpose, RecordStatus> recordStatuses;
    private final Instant createdAt;
    private final Instant verifiedAt;

    private MailDomain(DomainId id, AccountId accountId, DomainName name, DomainScope scope, DomainStatus status,
                       DkimKey dkim, String ownershipToken, Map<DnsRecord.Purpose, RecordStatus> recordStatuses,
                       Instant createdAt, Instant verifiedAt) {
        this.id = Objects.requireNonNull(id);
        this.accountId = Objects.requireNonNull(accountId);
        this.name = Objects.requireNonNull(name);
        this.scope = Objects.requireNonNull(scope);
        this.status = Objects.requireNonNull(status);
        this.dkim = Objects.requireNonNull(dkim);
        this.ownershipToken = Objects.requireNonNull(ownershipToken);
        this.recordStatuses = new EnumMap<>(DnsRecord.Purpose.class);
        this.recordStatuses.putAll(recordStatuses);
        for (DnsRecord.Purpose purpose : DnsRecord.Purpose.values()) {
            this.recordStatuses.putIfAbsent(purpose, RecordStatus.MISSING);
        }
        this.createdAt = Objects.requireNonNull(createdAt).truncatedTo(ChronoUnit.MILLIS);
        this.verifiedAt = verifiedAt == null ? null : verifiedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Longest custom domain whose DKIM host name, the longest name it publishes, still fits DNS's 253 characters. */
    public static final int MAX_NAME_LENGTH = DomainName.MAX_LENGTH - (DkimKey.SELECTOR + "._domainkey.").length();

    /** A newly added domain: pending, with its new DKIM key and a fresh ownership token, nothing found in DNS yet. */
    public static MailDomain add(AccountId accountId, DomainName name, DomainScope scope, DkimKey dkim, Instant now) {
        if (name.value().length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("domain", "A custom domain may have at most " + MAX_NAME_LENGTH
                    + " characters, so that its DKIM record name fits in DNS.");
        }
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        return new MailDomain(DomainId.generate(), accountId, name, scope, DomainStatus.PENDING, dkim,
                HexFormat.of().formatHex(token), Map.of(), now, null);
    }

    public static MailDomain reconstitute(DomainId id, AccountId accountId, DomainName name, DomainScope scope,
                                          DomainStatus status, DkimKey dkim, String ownershipToken,
                                          Map<DnsRecord.Purpose, RecordStatus> recordStatuses, Instant createdAt,
                                          Instant verifiedAt) {
        return new MailDomain(id, accountId, name, scope, status, dkim, ownershipToken, recordStatuses, createdAt,
                verifiedAt);
    }

    /** The name at which the DKIM public key is published. */
    public String dkimHost() {
        return dkim.selector() + "._domainkey." + name.value();
    }

    /** The name at which the ownership token is published. */
    public String ownershipHost() {
        return "_openmail." + name.value();
    }

    /** The records the owner must publish, each with its status as of the last check. */
    public List<DnsRecord> records(MxHost mxHost) {
        return List.of(
                new DnsRecord(DnsRecord.Purpose.MX, "MX", name.value(), mxHost.value(), MX_PRIORITY, recordStatuses.get(DnsRecord.Purpose.MX)),
                new DnsRecord(DnsRecord.Purpose.SPF, "TXT", name.value(), SPF_VALUE, null, recordStatuses.get(DnsRecord.Purpose.SPF)),
                new DnsRecord(DnsRecord.Purpose.DKIM, "TXT", dkimHost(), dkim.txtValue(), null, recordStatuses.get(DnsRecord.Purpose.DKIM)),
                new DnsRecord(DnsRecord.Purpose.OWNERSHIP, "TXT", ownershipHost(), OWNERSHIP_PREFIX + ownershipToken, null,
                        recordStatuses.get(DnsRecord.Purpose.OWNERSHIP)));
    }

    /**
     * Judges what DNS answered. The domain is verified only when the MX, SPF, DKIM and ownership records all match;
     * a domain once verified that no longer matches becomes failed, so that no new inbox is put on it.
     */
    public MailDomain checkedAgainst(DnsEvidence evidence, MxHost mxHost, Instant now) {
        Map<DnsRecord.Purpose, RecordStatus> found = new EnumMap<>(DnsRecord.Purpose.class);
        found.put(DnsRecord.Purpose.MX, mxStatus(evidence.mx(), mxHost));
        found.put(DnsRecord.Purpose.SPF, spfStatus(evidence.txtAtDomain()));
        found.put(DnsRecord.Purpose.DKIM, dkimStatus(evidence.txtAtDkim()));
        found.put(DnsRecord.Purpose.OWNERSHIP, ownershipStatus(evidence.txtAtOwnership()));
        boolean allValid = found.values().stream().allMatch(s -> s == RecordStatus.VALID);
        DomainStatus newStatus = allValid ? DomainStatus.VERIFIED : DomainStatus.FAILED;
        Instant newVerifiedAt = allValid ? (status == DomainStatus.VERIFIED && verifiedAt != null ? verifiedAt : now) : null;
        return new MailDomain(id, accountId, name, scope, newStatus, dkim, ownershipToken, found, createdAt, newVerifiedAt);
    }

    /** Mail goes to the most preferred MX hosts, so this installation must be one of them. */
    private static RecordStatus mxStatus(List<DnsEvidence.Mx> records, MxHost mxHost) {
        if (records.isEmpty()) {
            return RecordStatus.MISSING;
        }
        int best = records.stream().mapToInt(DnsEvidence.Mx::priority).min().orElseThrow();
        return records.stream().filter(mx -> mx.priority() == best).map(mx -> normalizeHost(mx.exchange()))
                .anyMatch(mxHost.value()::equals) ? RecordStatus.VALID : RecordStatus.INVALID;
    }

    /**
     * The domain's SPF policy must let its MX hosts, this installation, send. A domain may already send through others
     * too ({@code v=spf1 mx include:... ~all} is fine), but it may publish only one SPF record (RFC 7208, 4.5).
     */
    private static RecordStatus spfStatus(List<String> txts) {
        List<List<String>> policies = txts.stream().map(MailDomain::spfTerms)
                .filter(terms -> !terms.isEmpty() && terms.get(0).equals("v=spf1")).toList();
        if (policies.isEmpty()) {
            return RecordStatus.MISSING;
        }
        boolean authorizesMx = policies.size() == 1
                && (policies.get(0).contains("mx") || policies.get(0).contains("+mx"));
        return authorizesMx ? RecordStatus.VALID : RecordStatus.INVALID;
    }

    private static List<String> spfTerms(String txt) {
        String trimmed = txt.strip().toLowerCase(Locale.ROOT);
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    /**
     * A DKIM key record is a tag list (RFC 6376, 3.6.1): whitespace around tags and inside the base64 key carries no
     * meaning, tags may come in any order, and {@code v} and {@code k} may be left out. It matches when it publishes
     * this domain's public key as an RSA key.
     */
    private RecordStatus dkimStatus(List<String> txts) {
        RecordStatus status = RecordStatus.MISSING;
        for (String txt : txts) {
            Map<String, String> tags = tagList(txt);
            if (!tags.containsKey("p") && !"DKIM1".equals(tags.get("v"))) {
                continue;
            }
            boolean rsa = tags.getOrDefault("k", "rsa").equalsIgnoreCase("rsa");
            // RFC 6376, 3.6.1: v= may be left out, but when present it must be DKIM1 and come first.
            boolean version = !tags.containsKey("v") || ("DKIM1".equals(tags.get("v")) && txt.strip().startsWith("v="));
            if (rsa && version && dkim.publicKeyBase64().equals(tags.get("p"))) {
                return RecordStatus.VALID;
            }
            status = RecordStatus.INVALID;
        }
        return status;
    }

    private static Map<String, String> tagList(String txt) {
        Map<String, String> tags = new HashMap<>();
        for (String spec : txt.split(";")) {
            int equals = spec.indexOf('=');
            if (equals > 0) {
                tags.put(spec.substring(0, equals).strip(), spec.substring(equals + 1).replaceAll("\\s+", ""));
            }
        }
        return tags;
    }

    private RecordStatus ownershipStatus(List<String> txts) {
        String expected = OWNERSHIP_PREFIX + ownershipToken;
        RecordStatus status = RecordStatus.MISSING;
        for (String txt : txts) {
            String candidate = txt.strip();
            if (candidate.equals(expected)) {
                return RecordStatus.VALID;
            }
            if (candidate.toLowerCase(Locale.ROOT).startsWith(OWNERSHIP_PREFIX)) {
                status = RecordStatus.INVALID;
            }
        }
        return status;
    }

    private static String normalizeHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT).strip();
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * Refuses an inbox of {@code pod} on this domain unless the domain is verified and its scope lets the pod use it.
     * (That the domain belongs to the inbox's account is settled by looking it up within the account.)
     */
    /** Whether inboxes of {@code pod} may be created on this domain: the question {@link #ensureUsableBy} answers. */
    public boolean isUsableBy(PodId pod) {
        return status == DomainStatus.VERIFIED && scope.allows(pod);
    }

    public void ensureUsableBy(PodId pod) {
        if (status != DomainStatus.VERIFIED) {
            throw InvalidDomainException.notVerified(name, id);
        }
        if (!scope.allows(pod)) {
            throw new InvalidDomainException("Domain " + name + " is scoped to another pod, so inboxes of this pod cannot"
                    + " use it; create the inbox in pod " + scope.podOrNull() + " or make the domain account-wide.");
        }
    }

    /**
     * Moves the domain to another scope. Widening to account-wide is always allowed; narrowing to one pod only while
     * every inbox on the domain is in that pod.
     */
    public MailDomain rescope(DomainScope target, Set<PodId> podsWithInboxesOnIt) {
        if (!target.coversAll(podsWithInboxesOnIt)) {
            throw new DomainInUseException(this);
        }
        return new MailDomain(id, accountId, name, target, status, dkim, ownershipToken, recordStatuses, createdAt,
                verifiedAt);
    }

    public void ensureDeletable(boolean hasInboxes) {
        if (hasInboxes) {
            throw new DomainHasInboxesException(this);
        }
    }

    public static NotFoundException notFound(String idText) {
        return new NotFoundException("No domain with id '" + idText + "' in this account.");
    }

    public DomainId id() {
        return id;
    }

    public AccountId accountId() {
        return accountId;
    }

    public DomainName name() {
        return name;
    }

    /** Where the domain sits, for the access policy: in its pod when scoped to one, else at account level. */
    public Place place() {
        return scope.podOrNull() == null ? Place.ACCOUNT : Place.pod(scope.podOrNull());
    }

    public DomainScope scope() {
        return scope;
    }

    public DomainStatus status() {
        return status;
    }

    public DkimKey dkim() {
        return dkim;
    }

    public String ownershipToken() {
        return ownershipToken;
    }

    public RecordStatus recordStatus(DnsRecord.Purpose purpose) {
        return recordStatuses.get(purpose);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant verifiedAt() {
        return verifiedAt;
    }
}
