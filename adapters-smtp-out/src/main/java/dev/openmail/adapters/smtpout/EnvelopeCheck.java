package dev.openmail.adapters.smtpout;

import dev.openmail.domain.port.out.TransmitMail.Envelope;

/** What both ways out refuse to put on the wire: an envelope whose addresses would end or inject an SMTP command. */
public final class EnvelopeCheck {

    private EnvelopeCheck() {
    }

    /** Why the envelope cannot go out at all (a character that would end the command or inject another), or null. */
    public static String refusal(Envelope envelope) {
        if (envelope.to().isEmpty()) {
            return "empty envelope recipient";
        }
        String bad = unsafe(envelope.from(), "envelope sender");
        return bad != null ? bad : unsafe(envelope.to(), "envelope recipient");
    }

    private static String unsafe(String address, String role) {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || Character.isWhitespace(c)) {
                return role + " contains a character SMTP cannot carry";
            }
        }
        return null;
    }
}
