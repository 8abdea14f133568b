package dev.openmail.domain.port.out;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodOccupancy;

public interface InspectPodContents {

    PodOccupancy occupancy(AccountId accountId, PodId podId);
}
