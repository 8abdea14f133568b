package dev.openmail.adapters.rest.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.json.Timestamps;
import dev.openmail.domain.account.Account;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(name = "Account")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AccountView(String id, @Nullable String name, int inboxLimit, @Schema(format = "date-time") String createdAt,
                          @Schema(description = "Whether mail from outside spoofing a sender on this installation's"
                                  + " domains (no DMARC pass) is dropped for this account's inboxes.")
                          boolean dropSpoofedLocalMail,
                          @Nullable @Schema(nullable = true, description = "The account's own storage quota in bytes"
                                  + " (0: none); null when it takes OPENMAIL_ACCOUNT_STORAGE_QUOTA")
                          Long storageQuotaBytes) {

    public static AccountView of(Account account) {
        return new AccountView(account.id().value(), account.name() == null ? null : account.name().value(),
                account.inboxLimit().value(), Timestamps.format(account.createdAt()), account.dropSpoofedLocalMail(),
                account.storageQuotaOrNull() == null ? null : account.storageQuotaOrNull().bytes());
    }
}
