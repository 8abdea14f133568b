package dev.openmail.adapters.webhook;

import java.net.UnknownHostException;

/**
 * A webhook target that is not on the public internet. An {@link UnknownHostException} because that is what a
 * {@code DnsResolver} may throw; its message is the reason people read, starting with "refused:".
 */
final class RefusedTargetException extends UnknownHostException {

    RefusedTargetException(String reason) {
        super(reason);
    }
}
