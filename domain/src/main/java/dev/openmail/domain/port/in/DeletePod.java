package dev.openmail.domain.port.in;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.PodRef;

public interface DeletePod {

    void delete(AccountId accountId, PodRef pod);
}
