package dev.openmail.domain.port.in;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.MailDomain;

public interface GetDomain {

    MailDomain get(AccountId accountId, DomainId domainId);
}
