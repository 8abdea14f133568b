package dev.openmail.adapters.rest.mcp;

import dev.openmail.domain.apikey.Caller;

/** The kinds of API key, each of which sees its own set of tools. */
enum KeyKind {
    ACCOUNT, POD, INBOX;

    static KeyKind of(Caller caller) {
        if (caller.scope().inboxOrNull() != null) {
            return INBOX;
        }
        return caller.scope().podOrNull() != null ? POD : ACCOUNT;
    }
}
