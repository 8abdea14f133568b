package dev.openmail.adapters.smtpout.direct;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A domain's MTA-STS policy (RFC 8461 3.2): its mode, the mail exchanger patterns it allows and how long it may be
 * kept. Read by a single linear pass over at most the fetched body's bytes.
 */
record MtaStsPolicy(Mode mode, List<String> mx, long maxAgeSeconds) {

    /** RFC 8461 3.2 allows up to 31557600 s (a year). */
    static final long MAX_AGE_LIMIT = 31_557_600L;

    enum Mode {
        ENFORCE, TESTING, NONE
    }

    MtaStsPolicy {
        mx = List.copyOf(mx);
    }

    boolean enforced() {
        return mode == Mode.ENFORCE;
    }

    /**
     * Whether the mail exchanger {@code host} is one the policy names: exactly, or through a pattern
     * {@code *.example.net} that stands for one label.
     */
    boolean allows(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        for (String pattern : mx) {
            if (pattern.startsWith("*.")) {
                String suffix = pattern.substring(1);
                if (name.endsWith(suffix)) {
                    String label = name.substring(0, name.length() - suffix.length());
                    if (!label.isEmpty() && label.indexOf('.') < 0) {
                        return true;
                    }
                }
            } else if (pattern.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads a policy body: lines of {@code key: value}, LF or CRLF, unknown keys ignored.
     *
     * @throws IllegalArgumentException when the version, mode, max_age or (for enforce and testing) every mx is
     *                                  missing or invalid
     */
    static MtaStsPolicy parse(String body) {
        String version = null;
        String mode = null;
        String maxAge = null;
        List<String> mx = new ArrayList<>();
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = body.length();
            }
            String line = body.substring(start, end);
            start = end + 1;
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> version = version == null ? value : version;
                case "mode" -> mode = mode == null ? value : mode;
                case "max_age" -> maxAge = maxAge == null ? value : maxAge;
                case "mx" -> {
                    if (mx.size() < 1000) {
                        mx.add(value.toLowerCase(Locale.ROOT));
                    }
                }
                default -> {
                    // extensions are ignored (RFC 8461 3.2)
                }
            }
        }
        if (!"STSv1".equals(version)) {
            throw new IllegalArgumentException("the policy's version is not STSv1");
        }
        Mode parsedMode;
        if ("enforce".equals(mode)) {
            parsedMode = Mode.ENFORCE;
        } else if ("testing".equals(mode)) {
            parsedMode = Mode.TESTING;
        } else if ("none".equals(mode)) {
            parsedMode = Mode.NONE;
        } else {
            throw new IllegalArgumentException("the policy's mode is not enforce, testing or none");
        }
        if (maxAge == null || maxAge.isEmpty() || maxAge.length() > 10
                || !maxAge.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the policy's max_age is not a number of seconds");
        }
        if (parsedMode != Mode.NONE && mx.isEmpty()) {
            throw new IllegalArgumentException("the policy names no mx");
        }
        return new MtaStsPolicy(parsedMode, mx, Math.min(MAX_AGE_LIMIT, Long.parseLong(maxAge)));
    }

    /**
     * The {@code id} of a {@code _mta-sts} TXT record ({@code v=STSv1; id=...}, RFC 8461 3.1), or null when the record
     * is no valid STSv1 record.
     */
    static String recordId(String txt) {
        String[] fields = txt.split(";", 50);
        if (fields.length == 0 || !fields[0].strip().equals("v=STSv1")) {
            return null;
        }
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i].strip();
            if (field.startsWith("id=")) {
                String id = field.substring(3);
                boolean valid = !id.isEmpty() && id.length() <= 32 && id.chars().allMatch(
                        c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
                return valid ? id : null;
            }
        }
        return null;
    }
}
