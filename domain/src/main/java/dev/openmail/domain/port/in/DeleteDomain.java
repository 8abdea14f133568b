package dev.openmail.domain.port.in;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.maildomain.DomainId;

public interface DeleteDomain {

    void delete(AccountId accountId, DomainId domainId);
}
