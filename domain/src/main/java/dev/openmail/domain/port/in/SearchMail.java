package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.search.SearchQuery;

/** Searching mail: in one inbox, or in everything the caller's key reaches. */
public interface SearchMail {

    /** The inbox's messages that match, newest first; the page's bodies cut to share {@code budget}. */
    Page<BoundedMessage> inInbox(Caller caller, InboxId inboxId, SearchQuery query, PageRequest page,
                                 BodyBudget budget);

    /**
     * The matching messages of every inbox the caller's key reaches (an inbox key its inbox, a pod key its pod's
     * inboxes, an account-wide key the account's), newest first.
     */
    Page<BoundedMessage> everywhere(Caller caller, SearchQuery query, PageRequest page, BodyBudget budget);
}
