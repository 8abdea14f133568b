package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.pod.PodRef;

public interface DeletePod {

    void delete(Caller caller, PodRef pod);
}
