package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.domain.mail.AuthResult;
import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.mail.SpamVerdict;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The trust verdicts of a received message as columns (V11, V12), the same in {@code messages} and {@code events}:
 * the three authentication words (all NULL when not checked), the spoofed-local flag, and the spam verdict (all NULL
 * without a scanner).
 */
final class VerdictColumns {

    static final String NAMES = "auth_spf, auth_dkim, auth_dmarc, auth_spoofed_local, spam_status, spam_score,"
            + " spam_action, spam_symbols, spam_reason";
    static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?";

    private VerdictColumns() {
    }

    /** The values for {@link #NAMES}, in order. */
    static Object[] values(Authentication authentication, SpamVerdict spam) {
        return new Object[]{
                authentication == null ? null : authentication.spf().word(),
                authentication == null ? null : authentication.dkim().word(),
                authentication == null ? null : authentication.dmarc().word(),
                authentication != null && authentication.spoofedLocalSender(),
                spam == null ? null : spam.status().word(),
                spam == null ? null : spam.score(),
                spam == null ? null : spam.action(),
                spam == null ? null : ListColumns.joined(spam.symbols(), "a spam symbol"),
                spam == null ? null : spam.reason()};
    }

    /** Null when the message was not checked (the three words are written together). */
    static Authentication authentication(ResultSet row) throws SQLException {
        String spf = row.getString("auth_spf");
        if (spf == null) {
            return null;
        }
        return new Authentication(AuthResult.ofWord(spf), AuthResult.ofWord(row.getString("auth_dkim")),
                AuthResult.ofWord(row.getString("auth_dmarc")), row.getBoolean("auth_spoofed_local"));
    }

    /** Null when no scanner looked at the message. */
    static SpamVerdict spam(ResultSet row) throws SQLException {
        String status = row.getString("spam_status");
        if (status == null) {
            return null;
        }
        SpamVerdict.Status parsed = SpamVerdict.Status.valueOf(status.toUpperCase(Locale.ROOT));
        if (parsed == SpamVerdict.Status.UNSCANNED) {
            return SpamVerdict.unscanned(row.getString("spam_reason"));
        }
        return SpamVerdict.scanned(row.getDouble("spam_score"), row.getString("spam_action"),
                ListColumns.split(row.getString("spam_symbols")));
    }
}
