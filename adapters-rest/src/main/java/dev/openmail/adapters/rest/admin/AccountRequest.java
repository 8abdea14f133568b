package dev.openmail.adapters.rest.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST and PATCH /admin/v1/accounts: every field is optional; a null name clears it. */
@Serdeable
@Schema(name = "AccountRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record AccountRequest(
        @Nullable @Schema(maxLength = 255, nullable = true) String name,
        @Nullable @Schema(minimum = "0", maximum = "1000000",
                description = "How many inboxes the account may hold; defaults to OPENMAIL_DEFAULT_INBOX_LIMIT.")
        Integer inboxLimit,
        @Nullable @Schema(description = "Drop mail from outside that claims a sender on one of this installation's"
                + " domains without passing DMARC, for this account's inboxes (accepted at SMTP, stored nowhere, no"
                + " event). Default false: such mail is filed with authentication.spoofedLocalSender true.")
        Boolean dropSpoofedLocalMail,
        @Nullable @Schema(minimum = "0", maximum = "1125899906842624", nullable = true,
                description = "The account's storage quota in bytes, 0 for none; null (or absent on creation) takes"
                        + " OPENMAIL_ACCOUNT_STORAGE_QUOTA.")
        Long storageQuotaBytes) {
}
