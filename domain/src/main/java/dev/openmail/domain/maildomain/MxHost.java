package dev.openmail.domain.maildomain;

/** The host that custom domains must name in their MX record: where this installation receives mail. */
public record MxHost(DomainName name) {

    public String value() {
        return name.value();
    }
}
