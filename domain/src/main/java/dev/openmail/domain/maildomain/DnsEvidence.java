package dev.openmail.domain.maildomain;

import java.util.List;

/** What DNS answered for the names a domain must publish records at. */
public record DnsEvidence(List<Mx> mx, List<String> txtAtDomain, List<String> txtAtDkim,
                          List<String> txtAtOwnership) {

    /** One MX record: a lower priority is more preferred. */
    public record Mx(int priority, String exchange) {
    }

    public DnsEvidence {
        mx = List.copyOf(mx);
        txtAtDomain = List.copyOf(txtAtDomain);
        txtAtDkim = List.copyOf(txtAtDkim);
        txtAtOwnership = List.copyOf(txtAtOwnership);
    }
}
