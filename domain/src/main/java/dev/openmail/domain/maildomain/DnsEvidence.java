package dev.openmail.domain.maildomain;

import java.util.List;

/** What DNS answered for the names a domain must publish records at. */
public record DnsEvidence(List<String> mxExchanges, List<String> txtAtDomain, List<String> txtAtDkim,
                          List<String> txtAtOwnership) {

    public DnsEvidence {
        mxExchanges = List.copyOf(mxExchanges);
        txtAtDomain = List.copyOf(txtAtDomain);
        txtAtDkim = List.copyOf(txtAtDkim);
        txtAtOwnership = List.copyOf(txtAtOwnership);
    }
}
