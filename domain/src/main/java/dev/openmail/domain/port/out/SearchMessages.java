package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.search.SearchQuery;
import dev.openmail.domain.search.SearchScope;

/** Finds an account's messages by their text, sender, attachments and read mark. */
public interface SearchMessages {

    /**
     * The messages of {@code scope} that {@code query} matches ({@link SearchQuery#matches}), newest first, as
     * {@link LoadMail#listMessages} pages them: the page's bodies cut to share {@code budget}, the total counting every
     * match. A message's attachments' texts count from the moment they are stored.
     */
    Page<BoundedMessage> search(AccountId accountId, SearchScope scope, SearchQuery query, PageRequest page,
                                BodyBudget budget);
}
