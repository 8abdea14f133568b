package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;

public interface ListApiKeys {

    /** The holder's own active keys, oldest first: a pod's list holds its pod keys, not its inboxes' keys. */
    Page<ApiKey> list(Caller caller, KeyHolder holder, PageRequest page);
}
