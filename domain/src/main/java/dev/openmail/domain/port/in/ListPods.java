package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.pod.Pod;

public interface ListPods {

    /** The account's pods, the default pod first, then oldest first. */
    Page<Pod> list(Caller caller, PageRequest page);
}
