package dev.openmail.domain.maildomain;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.PodId;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailDomainTest {

    private static final Instant ADDED = Instant.parse("2024-05-01T10:00:00.123456Z");
    private static final Instant CHECKED = Instant.parse("2024-05-02T08:30:00.456Z");
    private static final Instant RECHECKED = Instant.parse("2024-05-03T09:00:00Z");
    private static final AccountId ACCOUNT = AccountId.generate();
    private static final PodId POD = PodId.generate();
    private static final PodId OTHER_POD = PodId.generate();
    private static final DomainName NAME = new DomainName("meridian.io");
    private static final MxHost MX = new MxHost(new DomainName("mx.openmail.test"));
    // Generating an RSA key takes a while; the objects are immutable, so the tests share these.
    private static final MailDomain ACCOUNT_WIDE = MailDomain.add(ACCOUNT, NAME, DomainScope.ACCOUNT_WIDE, DkimKey.generate(), ADDED);
    private static final MailDomain SCOPED = MailDomain.add(ACCOUNT, new DomainName("cedarworks.com"),
            DomainScope.of(POD), DkimKey.generate(), ADDED);

    // ---- adding

    @Test
    void aNewDomainIsPendingWithEveryRecordMissing() {
        assertTrue(DomainId.isWellFormed(ACCOUNT_WIDE.id().value()), ACCOUNT_WIDE.id().value());
        assertEquals(ACCOUNT, ACCOUNT_WIDE.accountId());
        assertEquals(NAME, ACCOUNT_WIDE.name());
        assertSame(DomainScope.ACCOUNT_WIDE, ACCOUNT_WIDE.scope());
        assertEquals(DomainScope.of(POD), SCOPED.scope());
        assertEquals(DomainStatus.PENDING, ACCOUNT_WIDE.status());
        for (DnsRecord.Purpose purpose : DnsRecord.Purpose.values()) {
            assertEquals(RecordStatus.MISSING, ACCOUNT_WIDE.recordStatus(purpose), purpose.name());
        }
        assertNull(ACCOUNT_WIDE.verifiedAt());
        assertEquals(Instant.parse("2024-05-01T10:00:00.123Z"), ACCOUNT_WIDE.createdAt());
    }

    @Test
    void aNewDomainHasARandomOwnershipToken() {
        assertTrue(ACCOUNT_WIDE.ownershipToken().matches("[0-9a-f]{32}"), ACCOUNT_WIDE.ownershipToken());
        assertNotEquals(ACCOUNT_WIDE.ownershipToken(), SCOPED.ownershipToken());
        assertNotEquals(ACCOUNT_WIDE.id(), SCOPED.id());
    }

    @Test
    void aNewDomainHasItsOwn2048BitRsaKeyPair() throws Exception {
        DkimKey dkim = ACCOUNT_WIDE.dkim();
        KeyFactory rsa = KeyFactory.getInstance("RSA");

        RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(dkim.publicKeyBase64())));
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(dkim.privateKeyBase64())));

        assertEquals(DkimKey.SELECTOR, dkim.selector());
        assertEquals(2048, publicKey.getModulus().bitLength());
        assertEquals(publicKey.getModulus(), privateKey.getModulus());
        assertEquals(publicKey.getPublicExponent(), privateKey.getPublicExponent());
        BigInteger message = new BigInteger("123456789");
        assertEquals(message, message.modPow(privateKey.getPrivateExponent(), privateKey.getModulus())
                .modPow(publicKey.getPublicExponent(), publicKey.getModulus()));
        assertNotEquals(dkim.publicKeyBase64(), SCOPED.dkim().publicKeyBase64());
    }

    @Test
    void theDkimKeyNeverShowsItsPrivateHalfInText() {
        DkimKey dkim = ACCOUNT_WIDE.dkim();

        assertEquals("DkimKey[openmail]", dkim.toString());
        assertFalse(dkim.txtValue().contains(dkim.privateKeyBase64()));
        assertEquals("v=DKIM1; k=rsa; p=" + dkim.publicKeyBase64(), dkim.txtValue());
    }

    // ---- records to publish

    @Test
    void listsTheMxSpfDkimAndOwnershipRecordsToPublish() {
        List<DnsRecord> records = ACCOUNT_WIDE.records(MX);

        assertEquals(List.of(
                new DnsRecord(DnsRecord.Purpose.MX, "MX", "meridian.io", "mx.openmail.test", 10, RecordStatus.MISSING),
                new DnsRecord(DnsRecord.Purpose.SPF, "TXT", "meridian.io", "v=spf1 mx ~all", null, RecordStatus.MISSING),
                new DnsRecord(DnsRecord.Purpose.DKIM, "TXT", "openmail._domainkey.meridian.io",
                        "v=DKIM1; k=rsa; p=" + ACCOUNT_WIDE.dkim().publicKeyBase64(), null, RecordStatus.MISSING),
                new DnsRecord(DnsRecord.Purpose.OWNERSHIP, "TXT", "_openmail.meridian.io",
                        "openmail-verification=" + ACCOUNT_WIDE.ownershipToken(), null, RecordStatus.MISSING)),
                records);
        assertEquals("openmail._domainkey.meridian.io", ACCOUNT_WIDE.dkimHost());
        assertEquals("_openmail.meridian.io", ACCOUNT_WIDE.ownershipHost());
    }

    @Test
    void eachRecordCarriesItsOwnStatusFromTheLastCheck() {
        MailDomain checked = ACCOUNT_WIDE.checkedAgainst(new Evidence(ACCOUNT_WIDE)
                .mx("elsewhere.example").txtAtDkim().build(), MX, CHECKED);

        Map<DnsRecord.Purpose, RecordStatus> shown = new EnumMap<>(DnsRecord.Purpose.class);
        checked.records(MX).forEach(record -> shown.put(record.purpose(), record.status()));

        assertEquals(Map.of(DnsRecord.Purpose.MX, RecordStatus.INVALID, DnsRecord.Purpose.SPF, RecordStatus.VALID,
                DnsRecord.Purpose.DKIM, RecordStatus.MISSING, DnsRecord.Purpose.OWNERSHIP, RecordStatus.VALID), shown);
    }

    // ---- checking DNS

    @Test
    void everyRecordMatchingMakesTheDomainVerified() {
        MailDomain checked = ACCOUNT_WIDE.checkedAgainst(new Evidence(ACCOUNT_WIDE).build(), MX, CHECKED);

        assertEquals(DomainStatus.VERIFIED, checked.status());
        assertEquals(CHECKED, checked.verifiedAt());
        for (DnsRecord.Purpose purpose : DnsRecord.Purpose.values()) {
            assertEquals(RecordStatus.VALID, checked.recordStatus(purpose), purpose.name());
        }
    }

    @Test
    void aCheckChangesNothingButStatusesAndVerificationTime() {
        MailDomain checked = SCOPED.checkedAgainst(new Evidence(SCOPED).build(), MX, CHECKED);

        assertEquals(SCOPED.id(), checked.id());
        assertEquals(SCOPED.accountId(), checked.accountId());
        assertEquals(SCOPED.name(), checked.name());
        assertEquals(SCOPED.scope(), checked.scope());
        assertEquals(SCOPED.dkim(), checked.dkim());
        assertEquals(SCOPED.ownershipToken(), checked.ownershipToken());
        assertEquals(SCOPED.createdAt(), checked.createdAt());
        assertEquals(DomainStatus.PENDING, SCOPED.status());
    }

    @Test
    void nothingPublishedFailsWithEveryRecordMissing() {
        MailDomain checked = ACCOUNT_WIDE.checkedAgainst(new DnsEvidence(List.of(), List.of(), List.of(), List.of()),
                MX, CHECKED);

        assertEquals(DomainStatus.FAILED, checked.status());
        assertNull(checked.verifiedAt());
        for (DnsRecord.Purpose purpose : DnsRecord.Purpose.values()) {
            assertEquals(RecordStatus.MISSING, checked.recordStatus(purpose), purpose.name());
        }
    }

    @Test
    void aMissingMxFailsTheDomain() {
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE).mx().build(), DnsRecord.Purpose.MX, RecordStatus.MISSING);
    }

    @Test
    void anMxToAnotherHostIsInvalid() {
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE).mx("mx.google.com").build(), DnsRecord.Purpose.MX,
                RecordStatus.INVALID);
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE).mx("mx.openmail.test.evil.com").build(), DnsRecord.Purpose.MX,
                RecordStatus.INVALID);
    }

    @Test
    void theMxMatchesWhateverItsCaseOrTrailingDot() {
        assertVerified(new Evidence(ACCOUNT_WIDE).mx("MX.OpenMail.TEST.").build());
        assertVerified(new Evidence(ACCOUNT_WIDE).mx("mx.openmail.test.").build());
    }

    @Test
    void ourMxAmongOthersIsEnough() {
        assertVerified(new Evidence(ACCOUNT_WIDE).mx("backup.example.net", "mx.openmail.test").build());
    }

    @Test
    void aMissingSpfFailsTheDomainEvenBesideOtherTxtRecords() {
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE).txtAtDomain().build(), DnsRecord.Purpose.SPF, RecordStatus.MISSING);
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE).txtAtDomain("google-site-verification=abc").build(),
                DnsRecord.Purpose.SPF, RecordStatus.MISSING);
    }

    @Test
    void anotherSpfPolicyIsInvalid() {
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE).txtAtDomain("v=spf1 include:_spf.google.com -all").build(),
                DnsRecord.Purpose.SPF, RecordStatus.INVALID);
    }

    @Test
    void ourSpfBesideOtherTxtRecordsIsEnough() {
        assertVerified(new Evidence(ACCOUNT_WIDE).txtAtDomain("google-site-verification=abc", "v=spf1 mx ~all").build());
    }

    @Test
    void runsOfWhitespaceAndOuterWhitespaceInTxtRecordsDoNotMatter() {
        DkimKey dkim = ACCOUNT_WIDE.dkim();
        assertVerified(new Evidence(ACCOUNT_WIDE)
                .txtAtDomain("  v=spf1   mx\t~all ")
                .txtAtDkim("v=DKIM1;k=rsa;p=" + dkim.publicKeyBase64())
                .txtAtOwnership(" openmail-verification=" + ACCOUNT_WIDE.ownershipToken() + "  ")
                .build());
        assertVerified(new Evidence(ACCOUNT_WIDE)
                .txtAtDkim("v=DKIM1;   k=rsa;\tp=" + dkim.publicKeyBase64())
                .build());
    }

    /**
     * RFC 6376 (3.2, 3.6.1) lets whitespace surround tags and run through the base64 key, and the check says it
     * compares TXT values without whitespace; a DNS console that wraps the long key must not fail verification.
     */
    @Test
    void whitespaceAroundDkimTagsOrInsideTheKeyDoesNotMatter() {
        String key = ACCOUNT_WIDE.dkim().publicKeyBase64();

        assertVerified(new Evidence(ACCOUNT_WIDE).txtAtDkim("v=DKIM1 ; k=rsa ; p=" + key).build());
        assertVerified(new Evidence(ACCOUNT_WIDE)
                .txtAtDkim("v=DKIM1; k=rsa; p=" + key.substring(0, 200) + " " + key.substring(200)).build());
    }

    @Test
    void aMissingDkimKeyFailsTheDomain() {
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE).txtAtDkim().build(), DnsRecord.Purpose.DKIM, RecordStatus.MISSING);
    }

    @Test
    void anotherDkimKeyIsInvalid() {
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE).txtAtDkim(SCOPED.dkim().txtValue()).build(),
                DnsRecord.Purpose.DKIM, RecordStatus.INVALID);
    }

    @Test
    void aMissingOwnershipTokenFailsTheDomain() {
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE).txtAtOwnership().build(), DnsRecord.Purpose.OWNERSHIP,
                RecordStatus.MISSING);
    }

    @Test
    void anotherDomainsOwnershipTokenIsInvalid() {
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE)
                        .txtAtOwnership("openmail-verification=" + SCOPED.ownershipToken()).build(),
                DnsRecord.Purpose.OWNERSHIP, RecordStatus.INVALID);
    }

    @Test
    void recordsPublishedAtTheWrongNameDoNotCount() {
        // Everything at the domain itself: the DKIM key and the token belong at their own names.
        MailDomain checked = ACCOUNT_WIDE.checkedAgainst(new Evidence(ACCOUNT_WIDE)
                .txtAtDomain("v=spf1 mx ~all", ACCOUNT_WIDE.dkim().txtValue(),
                        "openmail-verification=" + ACCOUNT_WIDE.ownershipToken())
                .txtAtDkim().txtAtOwnership().build(), MX, CHECKED);

        assertEquals(DomainStatus.FAILED, checked.status());
        assertEquals(RecordStatus.VALID, checked.recordStatus(DnsRecord.Purpose.SPF));
        assertEquals(RecordStatus.MISSING, checked.recordStatus(DnsRecord.Purpose.DKIM));
        assertEquals(RecordStatus.MISSING, checked.recordStatus(DnsRecord.Purpose.OWNERSHIP));
    }

    @Test
    void aVerifiedDomainWhoseRecordsBreakFailsAndLosesItsVerificationTime() {
        MailDomain verified = ACCOUNT_WIDE.checkedAgainst(new Evidence(ACCOUNT_WIDE).build(), MX, CHECKED);

        MailDomain broken = verified.checkedAgainst(new Evidence(ACCOUNT_WIDE).txtAtOwnership().build(), MX, RECHECKED);

        assertEquals(DomainStatus.FAILED, broken.status());
        assertNull(broken.verifiedAt());
        assertEquals(RecordStatus.MISSING, broken.recordStatus(DnsRecord.Purpose.OWNERSHIP));
        assertEquals(RecordStatus.VALID, broken.recordStatus(DnsRecord.Purpose.MX));
    }

    @Test
    void aVerifiedDomainCheckedAgainKeepsItsFirstVerificationTime() {
        MailDomain verified = ACCOUNT_WIDE.checkedAgainst(new Evidence(ACCOUNT_WIDE).build(), MX, CHECKED);

        MailDomain again = verified.checkedAgainst(new Evidence(ACCOUNT_WIDE).build(), MX, RECHECKED);

        assertEquals(DomainStatus.VERIFIED, again.status());
        assertEquals(CHECKED, again.verifiedAt());
    }

    @Test
    void aFailedDomainThatIsFixedIsVerifiedAsOfTheNewCheck() {
        MailDomain failed = ACCOUNT_WIDE.checkedAgainst(new Evidence(ACCOUNT_WIDE).mx().build(), MX, CHECKED);

        MailDomain fixed = failed.checkedAgainst(new Evidence(ACCOUNT_WIDE).build(), MX, RECHECKED);

        assertEquals(DomainStatus.VERIFIED, fixed.status());
        assertEquals(RECHECKED, fixed.verifiedAt());
    }

    // ---- using, rescoping and deleting

    @Test
    void aDomainThatIsNotVerifiedCannotBeUsed() {
        MailDomain failed = ACCOUNT_WIDE.checkedAgainst(new Evidence(ACCOUNT_WIDE).mx().build(), MX, CHECKED);

        for (MailDomain domain : List.of(ACCOUNT_WIDE, failed)) {
            InvalidDomainException e = assertThrows(InvalidDomainException.class, () -> domain.ensureUsableBy(POD));
            assertTrue(e.getMessage().contains("not verified"), e.getMessage());
            assertEquals(InvalidDomainException.Remedy.VERIFY, e.remedy());
            assertEquals(domain.id(), e.domainIdOrNull(), "named so that an adapter can say how to verify it");
        }
    }

    @Test
    void aVerifiedAccountWideDomainIsUsableByEveryPod() {
        MailDomain verified = ACCOUNT_WIDE.checkedAgainst(new Evidence(ACCOUNT_WIDE).build(), MX, CHECKED);

        assertDoesNotThrow(() -> verified.ensureUsableBy(POD));
        assertDoesNotThrow(() -> verified.ensureUsableBy(OTHER_POD));
    }

    @Test
    void aVerifiedScopedDomainIsUsableOnlyByItsPod() {
        MailDomain verified = SCOPED.checkedAgainst(new Evidence(SCOPED).build(), MX, CHECKED);

        assertDoesNotThrow(() -> verified.ensureUsableBy(POD));
        InvalidDomainException e = assertThrows(InvalidDomainException.class, () -> verified.ensureUsableBy(OTHER_POD));
        assertTrue(e.getMessage().contains("scoped to another pod"), e.getMessage());
        assertTrue(e.getMessage().contains(POD.value()), e.getMessage());
    }

    @Test
    void isUsableByAnswersWhatEnsureUsableByChecks() {
        MailDomain verifiedScoped = SCOPED.checkedAgainst(new Evidence(SCOPED).build(), MX, CHECKED);
        MailDomain verifiedWide = ACCOUNT_WIDE.checkedAgainst(new Evidence(ACCOUNT_WIDE).build(), MX, CHECKED);

        assertTrue(verifiedScoped.isUsableBy(POD));
        assertFalse(verifiedScoped.isUsableBy(OTHER_POD));
        assertTrue(verifiedWide.isUsableBy(OTHER_POD));
        assertFalse(SCOPED.isUsableBy(POD), "not verified yet");
        assertFalse(ACCOUNT_WIDE.isUsableBy(POD), "not verified yet");
    }

    @Test
    void verificationIsReportedBeforeScope() {
        InvalidDomainException e = assertThrows(InvalidDomainException.class, () -> SCOPED.ensureUsableBy(OTHER_POD));
        assertTrue(e.getMessage().contains("not verified"), e.getMessage());
    }

    @Test
    void aDomainMayAlwaysBecomeAccountWide() {
        MailDomain widened = SCOPED.rescope(DomainScope.ACCOUNT_WIDE, Set.of(POD));

        assertSame(DomainScope.ACCOUNT_WIDE, widened.scope());
        assertSame(DomainScope.ACCOUNT_WIDE,
                ACCOUNT_WIDE.rescope(DomainScope.ACCOUNT_WIDE, Set.of(POD, OTHER_POD)).scope());
    }

    @Test
    void aDomainMayBeScopedToAPodThatHoldsAllItsInboxes() {
        assertEquals(DomainScope.of(POD), ACCOUNT_WIDE.rescope(DomainScope.of(POD), Set.of()).scope());
        assertEquals(DomainScope.of(POD), ACCOUNT_WIDE.rescope(DomainScope.of(POD), Set.of(POD)).scope());
        assertEquals(DomainScope.of(OTHER_POD), SCOPED.rescope(DomainScope.of(OTHER_POD), Set.of()).scope());
    }

    @Test
    void aDomainWithInboxesElsewhereCannotBeScopedToAPod() {
        DomainInUseException e = assertThrows(DomainInUseException.class,
                () -> ACCOUNT_WIDE.rescope(DomainScope.of(POD), Set.of(POD, OTHER_POD)));
        assertTrue(e.getMessage().contains("meridian.io"), e.getMessage());
        assertThrows(DomainInUseException.class, () -> SCOPED.rescope(DomainScope.of(OTHER_POD), Set.of(POD)));
    }

    @Test
    void rescopingKeepsEverythingElse() {
        MailDomain verified = ACCOUNT_WIDE.checkedAgainst(new Evidence(ACCOUNT_WIDE).build(), MX, CHECKED);

        MailDomain scoped = verified.rescope(DomainScope.of(POD), Set.of(POD));

        assertEquals(verified.id(), scoped.id());
        assertEquals(verified.name(), scoped.name());
        assertEquals(DomainStatus.VERIFIED, scoped.status());
        assertEquals(CHECKED, scoped.verifiedAt());
        assertEquals(RecordStatus.VALID, scoped.recordStatus(DnsRecord.Purpose.DKIM));
        assertEquals(verified.dkim(), scoped.dkim());
        assertEquals(verified.ownershipToken(), scoped.ownershipToken());
    }

    @Test
    void onlyADomainWithoutInboxesMayBeDeleted() {
        assertDoesNotThrow(() -> ACCOUNT_WIDE.ensureDeletable(false));
        DomainHasInboxesException e = assertThrows(DomainHasInboxesException.class,
                () -> ACCOUNT_WIDE.ensureDeletable(true));
        assertTrue(e.getMessage().contains("meridian.io"), e.getMessage());
    }

    // ---- storage

    @Test
    void reconstituteFillsRecordStatusesItWasNotGivenAsMissing() {
        MailDomain domain = MailDomain.reconstitute(DomainId.generate(), ACCOUNT, NAME, DomainScope.of(POD),
                DomainStatus.FAILED, new DkimKey("openmail", "pub", "priv"), "token",
                Map.of(DnsRecord.Purpose.MX, RecordStatus.VALID), ADDED, null);

        assertEquals(RecordStatus.VALID, domain.recordStatus(DnsRecord.Purpose.MX));
        assertEquals(RecordStatus.MISSING, domain.recordStatus(DnsRecord.Purpose.SPF));
        assertEquals(RecordStatus.MISSING, domain.recordStatus(DnsRecord.Purpose.DKIM));
        assertEquals(RecordStatus.MISSING, domain.recordStatus(DnsRecord.Purpose.OWNERSHIP));
        assertEquals(DomainStatus.FAILED, domain.status());
    }

    @Test
    void statusesHaveLowerCaseWireNames() {
        assertEquals("pending", DomainStatus.PENDING.wireName());
        assertEquals("verified", DomainStatus.VERIFIED.wireName());
        assertEquals("failed", DomainStatus.FAILED.wireName());
        assertEquals("missing", RecordStatus.MISSING.wireName());
        assertEquals("invalid", RecordStatus.INVALID.wireName());
        assertEquals("valid", RecordStatus.VALID.wireName());
        for (DomainStatus status : DomainStatus.values()) {
            assertEquals(status, DomainStatus.fromWireName(status.wireName()));
        }
        for (RecordStatus status : RecordStatus.values()) {
            assertEquals(status, RecordStatus.fromWireName(status.wireName()));
        }
    }

    @Test
    void notFoundNamesTheIdAsTheClientSentIt() {
        assertEquals("No domain with id 'dom_x' in this account.", MailDomain.notFound("dom_x").getMessage());
    }

    private static void assertVerified(DnsEvidence evidence) {
        MailDomain checked = ACCOUNT_WIDE.checkedAgainst(evidence, MX, CHECKED);
        Map<DnsRecord.Purpose, RecordStatus> statuses = new EnumMap<>(DnsRecord.Purpose.class);
        for (DnsRecord.Purpose purpose : DnsRecord.Purpose.values()) {
            statuses.put(purpose, checked.recordStatus(purpose));
        }
        assertEquals(DomainStatus.VERIFIED, checked.status(), statuses::toString);
    }

    private static void assertOnlyFailing(DnsEvidence evidence, DnsRecord.Purpose failing, RecordStatus status) {
        MailDomain checked = ACCOUNT_WIDE.checkedAgainst(evidence, MX, CHECKED);

        assertEquals(DomainStatus.FAILED, checked.status());
        assertNull(checked.verifiedAt());
        for (DnsRecord.Purpose purpose : DnsRecord.Purpose.values()) {
            assertEquals(purpose == failing ? status : RecordStatus.VALID, checked.recordStatus(purpose), purpose.name());
        }
    }

    @Test
    void thisInstallationMustBeAmongTheMostPreferredMxHosts() {
        assertVerified(new Evidence(ACCOUNT_WIDE).mxRecords(new DnsEvidence.Mx(5, "mx.openmail.test"),
                new DnsEvidence.Mx(50, "backup.example.net")).build());
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE).mxRecords(new DnsEvidence.Mx(5, "mx.elsewhere.example"),
                new DnsEvidence.Mx(50, "mx.openmail.test")).build(), DnsRecord.Purpose.MX, RecordStatus.INVALID);
    }

    @Test
    void anSpfPolicyThatAlsoAuthorizesOthersIsValidButTwoPoliciesAreNot() {
        assertVerified(new Evidence(ACCOUNT_WIDE).txtAtDomain("v=spf1 mx include:_spf.google.com ~all").build());
        assertVerified(new Evidence(ACCOUNT_WIDE).txtAtDomain("V=SPF1 +MX -ALL", "google-site-verification=x").build());
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE).txtAtDomain("v=spf1 mx ~all", "v=spf1 -all").build(),
                DnsRecord.Purpose.SPF, RecordStatus.INVALID);
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE).txtAtDomain("v=spf1 include:_spf.google.com ~all").build(),
                DnsRecord.Purpose.SPF, RecordStatus.INVALID);
    }

    @Test
    void aDkimVersionTagMustComeFirstWhenPresent() {
        String key = ACCOUNT_WIDE.dkim().publicKeyBase64();

        assertVerified(new Evidence(ACCOUNT_WIDE).txtAtDkim("k=rsa; p=" + key).build());
        assertOnlyFailing(new Evidence(ACCOUNT_WIDE).txtAtDkim("k=rsa; v=DKIM1; p=" + key).build(),
                DnsRecord.Purpose.DKIM, RecordStatus.INVALID);
    }

    /** What DNS answers when the owner published every record right, with single answers replaced as told. */
    private static final class Evidence {
        private List<DnsEvidence.Mx> mx;
        private List<String> txtAtDomain;
        private List<String> txtAtDkim;
        private List<String> txtAtOwnership;

        Evidence(MailDomain domain) {
            List<DnsRecord> records = domain.records(MX);
            mx = List.of(new DnsEvidence.Mx(10, records.get(0).value()));
            txtAtDomain = List.of(records.get(1).value());
            txtAtDkim = List.of(records.get(2).value());
            txtAtOwnership = List.of(records.get(3).value());
        }

        /** MX records of equal priority. */
        Evidence mx(String... exchanges) {
            mx = java.util.Arrays.stream(exchanges).map(exchange -> new DnsEvidence.Mx(10, exchange)).toList();
            return this;
        }

        Evidence mxRecords(DnsEvidence.Mx... records) {
            mx = List.of(records);
            return this;
        }

        Evidence txtAtDomain(String... values) {
            txtAtDomain = new ArrayList<>(List.of(values));
            return this;
        }

        Evidence txtAtDkim(String... values) {
            txtAtDkim = List.of(values);
            return this;
        }

        Evidence txtAtOwnership(String... values) {
            txtAtOwnership = List.of(values);
            return this;
        }

        DnsEvidence build() {
            return new DnsEvidence(mx, txtAtDomain, txtAtDkim, txtAtOwnership);
        }
    }
}
