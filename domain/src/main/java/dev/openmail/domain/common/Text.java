package dev.openmail.domain.common;

/** Checks on raw text shared by the value objects. */
public final class Text {

    private Text() {
    }

    /** False when the string holds a high surrogate without its low half, or a low one without its high half. */
    public static boolean isWellFormedUnicode(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
