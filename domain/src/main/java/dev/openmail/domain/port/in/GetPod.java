package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.pod.PodRef;

public interface GetPod {

    Pod get(Caller caller, PodRef pod);
}
