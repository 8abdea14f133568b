package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.usage.AccountUsage;
import dev.openmail.domain.usage.InboxUsage;
import dev.openmail.domain.usage.StorageQuota;

/** What the caller's inboxes received, sent and hold, against their storage quotas. */
public interface GetUsage {

    /**
     * One line per inbox the caller may see (a pod key: its pod's; an inbox key: its inbox), oldest inbox first, and
     * with a pod only that pod's (an unknown pod has none). The account's totals only for an account-wide key.
     */
    Usage usage(Caller caller, PodRef podOrNull, PageRequest page);

    record Usage(Page<InboxUsage> inboxes, StorageQuota inboxQuota, AccountUsage accountOrNull) {
    }
}
