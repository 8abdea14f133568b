package dev.openmail.domain.port.in;

/** Removes the domains never verified within the pending period, for the server's own schedule. */
public interface ExpirePendingDomains {

    /** Removes up to {@code max} such domains; answers how many it removed. */
    int expire(int max);
}
