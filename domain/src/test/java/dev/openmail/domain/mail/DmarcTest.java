package dev.openmail.domain.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openmail.domain.port.out.DnsLookup;
import dev.openmail.domain.port.out.DnsUnavailableException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DmarcTest {

    private final Map<String, List<String>> txt = new HashMap<>();
    private boolean failing;

    private final DnsLookup dns = new DnsLookup() {
        @Override
        public List<String> txt(String name) {
            if (failing) {
                throw new DnsUnavailableException("down", null);
            }
            return txt.getOrDefault(name, List.of());
        }

        @Override
        public List<MxRecord> mx(String name) {
            return List.of();
        }

        @Override
        public List<java.net.InetAddress> addresses(String host) {
            return List.of();
        }
    };

    @Test
    void organizationalDomainIsTheLastTwoLabelsOrThreeUnderAKnownSecondLevelSuffix() {
        assertEquals("example.com", Dmarc.organizationalDomain("example.com"));
        assertEquals("example.com", Dmarc.organizationalDomain("a.b.example.com"));
        assertEquals("example.co.uk", Dmarc.organizationalDomain("mail.example.co.uk"));
        assertEquals("example.com", Dmarc.organizationalDomain("Mail.Example.COM."));
    }

    // RFC 7489 §3.1.1 and §3.1.2 examples
    @Test
    void relaxedAlignmentMatchesOrganizationalDomainsStrictOnlyTheSameName() {
        assertTrue(Dmarc.aligned("example.com", "mail.example.com", false));
        assertFalse(Dmarc.aligned("example.com", "mail.example.com", true));
        assertTrue(Dmarc.aligned("example.com", "example.com", true));
        assertFalse(Dmarc.aligned("example.com", "example.net", false));
        assertTrue(Dmarc.aligned("news.example.com", "notices.example.com", false));
    }

    @Test
    void parsesRecordsAndRefusesInvalidOnes() {
        Dmarc.Record r = Dmarc.Record.parse("v=DMARC1; p=reject; sp=none; adkim=s; aspf=r").orElseThrow();
        assertEquals(Dmarc.Policy.REJECT, r.policy());
        assertEquals(Dmarc.Policy.NONE, r.subdomainPolicy());
        assertTrue(r.strictDkim());
        assertFalse(r.strictSpf());
        assertTrue(Dmarc.Record.parse("p=reject; v=DMARC1").isEmpty(), "v= must come first");
        assertTrue(Dmarc.Record.parse("v=spf1 -all").isEmpty());
        assertTrue(Dmarc.Record.parse("v=DMARC1; p=bogus").isEmpty());
        assertEquals(Dmarc.Policy.NONE,
                Dmarc.Record.parse("v=DMARC1; p=bogus; rua=mailto:d@example.com").orElseThrow().policy());
    }

    @Test
    void alignedSpfPassPasses() {
        txt.put("_dmarc.example.com", List.of("v=DMARC1; p=reject"));
        Dmarc.Verdict v = Dmarc.evaluate("example.com", AuthResult.PASS, "bounce.example.com", List.of(), dns);
        assertEquals(AuthResult.PASS, v.result());
        assertEquals(Dmarc.Policy.REJECT, v.policy());
        assertFalse(v.failsEnforcedPolicy());
    }

    @Test
    void strictSpfAlignmentFailsForASubdomainButAlignedDkimStillPasses() {
        txt.put("_dmarc.example.com", List.of("v=DMARC1; p=quarantine; aspf=s"));
        assertEquals(AuthResult.FAIL,
                Dmarc.evaluate("example.com", AuthResult.PASS, "bounce.example.com", List.of(), dns).result());
        assertEquals(AuthResult.PASS,
                Dmarc.evaluate("example.com", AuthResult.PASS, "bounce.example.com", List.of("example.com"), dns)
                        .result());
    }

    @Test
    void unalignedIdentitiesFailWithThePolicy() {
        txt.put("_dmarc.example.com", List.of("v=DMARC1; p=reject"));
        Dmarc.Verdict v = Dmarc.evaluate("example.com", AuthResult.PASS, "evil.example", List.of("evil.example"), dns);
        assertEquals(AuthResult.FAIL, v.result());
        assertTrue(v.failsEnforcedPolicy());
    }

    @Test
    void spfFailIsNotAnAuthenticatedIdentityEvenWhenAligned() {
        txt.put("_dmarc.example.com", List.of("v=DMARC1; p=quarantine"));
        Dmarc.Verdict v = Dmarc.evaluate("example.com", AuthResult.SOFTFAIL, "example.com", List.of(), dns);
        assertEquals(AuthResult.FAIL, v.result());
        assertEquals(Dmarc.Policy.QUARANTINE, v.policy());
    }

    @Test
    void policyNoneStillFailsButAsksForNothing() {
        txt.put("_dmarc.example.com", List.of("v=DMARC1; p=none"));
        Dmarc.Verdict v = Dmarc.evaluate("example.com", AuthResult.NONE, null, List.of(), dns);
        assertEquals(AuthResult.FAIL, v.result());
        assertFalse(v.failsEnforcedPolicy());
    }

    @Test
    void aSubdomainWithoutARecordTakesTheOrganizationalDomainsSubdomainPolicy() {
        txt.put("_dmarc.example.com", List.of("v=DMARC1; p=none; sp=reject"));
        Dmarc.Verdict v = Dmarc.evaluate("news.example.com", AuthResult.FAIL, "news.example.com", List.of(), dns);
        assertEquals(AuthResult.FAIL, v.result());
        assertEquals(Dmarc.Policy.REJECT, v.policy());
    }

    @Test
    void noRecordIsNoneSeveralArePermerrorAndDnsTroubleIsTemperror() {
        assertEquals(AuthResult.NONE, Dmarc.evaluate("example.com", AuthResult.PASS, "example.com", List.of(), dns)
                .result());
        txt.put("_dmarc.example.com", List.of("v=DMARC1; p=none", "v=DMARC1; p=reject"));
        assertEquals(AuthResult.PERMERROR,
                Dmarc.evaluate("example.com", AuthResult.PASS, "example.com", List.of(), dns).result());
        failing = true;
        assertEquals(AuthResult.TEMPERROR,
                Dmarc.evaluate("example.com", AuthResult.PASS, "example.com", List.of(), dns).result());
    }
}
