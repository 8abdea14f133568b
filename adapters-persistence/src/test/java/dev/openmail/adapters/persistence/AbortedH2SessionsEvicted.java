package dev.openmail.adapters.persistence;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Test scaffolding: an embedded H2 connection never breaks the way a network connection does, so tests that break one
 * on purpose (H2's {@code ABORT_SESSION}) make the pool drop it as it drops a MySQL connection whose socket closed
 * (SQLSTATE class 08). H2 then reports 90121, "database is already closed", for that session only.
 */
public final class AbortedH2SessionsEvicted implements SQLExceptionOverride {

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
        return failure.getErrorCode() == 90121 ? SQLExceptionOverride.Override.MUST_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
