package dev.openmail.domain.port.in;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;

public interface GetPod {

    Pod get(AccountId accountId, PodRef pod);
}
