package dev.openmail.bootstrap;

import dev.openmail.domain.account.InboxLimit;
import dev.openmail.domain.apikey.ApiToken;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.inbox.InvalidMailboxNameException;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.InstallationDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.usage.StorageQuota;
import dev.openmail.domain.usage.StorageQuotas;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The installation's own settings, checked when the server starts so that a mistyped variable stops it with a clear
 * message instead of surfacing later.
 */
@Context
final class OpenMailSettings {

    private final Optional<ApiToken> bootstrapApiKey;
    private final InboxLimit defaultInboxLimit;
    private final InstallationDomain defaultDomain;
    private final MxHost mxHost;
    private final StorageQuotas storageQuotas;

    OpenMailSettings(@Value("${openmail.bootstrap-api-key:}") String bootstrapApiKey,
                     @Value("${openmail.default-inbox-limit:100}") String defaultInboxLimit,
                     @Value("${openmail.default-domain}") String defaultDomain,
                     @Value("${openmail.mx-host:}") String mxHost,
                     @Value("${openmail.reserved-mailbox-names:}") String reservedMailboxNames,
                     @Value("${openmail.storage.account-quota:10G}") String accountStorageQuota,
                     @Value("${openmail.storage.inbox-quota:1G}") String inboxStorageQuota) {
        if (bootstrapApiKey == null || bootstrapApiKey.isBlank()) {
            this.bootstrapApiKey = Optional.empty();
        } else if (ApiToken.isWellFormed(bootstrapApiKey.trim())) {
            this.bootstrapApiKey = Optional.of(ApiToken.of(bootstrapApiKey.trim()));
        } else {
            throw new ConfigurationException("OPENMAIL_BOOTSTRAP_API_KEY must start with '" + ApiToken.PREFIX
                    + "' followed by 16 to 197 characters of A-Z a-z 0-9 - _");
        }
        try {
            this.defaultInboxLimit = new InboxLimit(Integer.parseInt(defaultInboxLimit.trim()));
        } catch (RuntimeException e) {
            throw new ConfigurationException("OPENMAIL_DEFAULT_INBOX_LIMIT must be an integer from 0 to "
                    + InboxLimit.MAX + ", not '" + defaultInboxLimit + "'");
        }
        try {
            this.defaultDomain = new InstallationDomain(DomainName.parse("OPENMAIL_DEFAULT_DOMAIN", defaultDomain))
                    .reservingAlso(mailboxNames("OPENMAIL_RESERVED_MAILBOX_NAMES", reservedMailboxNames));
            this.mxHost = new MxHost(mxHost == null || mxHost.isBlank() ? this.defaultDomain.name()
                    : DomainName.parse("OPENMAIL_MX_HOST", mxHost));
        } catch (InvalidInputException e) {
            throw new ConfigurationException(e.getMessage());
        }
        try {
            this.storageQuotas = new StorageQuotas(
                    StorageQuota.parse(accountStorageQuota, "OPENMAIL_ACCOUNT_STORAGE_QUOTA"),
                    StorageQuota.parse(inboxStorageQuota, "OPENMAIL_INBOX_STORAGE_QUOTA"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** A comma-separated list of mailbox names, each checked as a client's would be; blank: none. */
    private static List<String> mailboxNames(String setting, String list) {
        List<String> names = new ArrayList<>();
        for (String entry : list == null ? new String[0] : list.split(",", -1)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                names.add(MailboxName.parse(entry.trim()).value());
            } catch (InvalidMailboxNameException e) {
                throw new ConfigurationException(setting + " lists '" + entry.trim() + "', which is no mailbox name: "
                        + e.getMessage());
            }
        }
        return names;
    }

    Optional<ApiToken> bootstrapApiKey() {
        return bootstrapApiKey;
    }

    InboxLimit defaultInboxLimit() {
        return defaultInboxLimit;
    }

    /** The domain of inboxes created without one. */
    InstallationDomain defaultDomain() {
        return defaultDomain;
    }

    /** The host custom domains must name in their MX record; the default domain unless set. */
    MxHost mxHost() {
        return mxHost;
    }

    /** Every inbox's storage quota, and every account's unless the operator set its own (0: no limit). */
    StorageQuotas storageQuotas() {
        return storageQuotas;
    }
}
