package dev.openmail.domain.maildomain;

/** A record a domain's owner publishes: its type ({@code MX} or {@code TXT}), full host name, value and MX priority. */
public record DnsRecord(Purpose purpose, String type, String name, String value, Integer priority, RecordStatus status) {

    /** Why the record is there; each purpose is checked in its own way. */
    public enum Purpose { MX, SPF, DKIM, OWNERSHIP }
}
