package dev.openmail.adapters.rest.maildomain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.json.Timestamps;
import dev.openmail.domain.maildomain.DnsRecord;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.MxHost;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A custom domain on the wire, with the DNS records to publish and what the last check found for each. */
@Serdeable
@Schema(name = "Domain")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DomainView(String id, String domain, @Nullable String podId, String status, List<RecordView> records,
                         @Schema(format = "date-time") String createdAt,
                         @Nullable @Schema(format = "date-time", nullable = true) String verifiedAt) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordView(String type, String name, String value, @Nullable Integer priority, String status) {
    }

    public static DomainView of(MailDomain domain, MxHost mxHost) {
        List<RecordView> records = domain.records(mxHost).stream().map(DomainView::record).toList();
        return new DomainView(domain.id().value(), domain.name().value(),
                domain.scope().podOrNull() == null ? null : domain.scope().podOrNull().value(), domain.status().wireName(),
                records, Timestamps.format(domain.createdAt()), Timestamps.format(domain.verifiedAt()));
    }

    private static RecordView record(DnsRecord record) {
        return new RecordView(record.type(), record.name(), record.value(), record.priority(), record.status().wireName());
    }
}
