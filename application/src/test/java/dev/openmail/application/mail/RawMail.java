package dev.openmail.application.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An arriving message as SMTP hands it over, built header by header. */
final class RawMail {

    private String from = "alice@example.com";
    private final List<String> to = new ArrayList<>();
    private final List<String> cc = new ArrayList<>();
    private String subject = "Hello";
    private String messageId;
    private String inReplyTo;
    private final List<String> references = new ArrayList<>();
    private String body = "Hi there";

    static RawMail from(String from) {
        RawMail mail = new RawMail();
        mail.from = from;
        return mail;
    }

    RawMail to(String... addresses) {
        to.addAll(List.of(addresses));
        return this;
    }

    RawMail cc(String... addresses) {
        cc.addAll(List.of(addresses));
        return this;
    }

    RawMail subject(String subject) {
        this.subject = subject;
        return this;
    }

    /** The Message-ID, without angle brackets. */
    RawMail messageId(String id) {
        this.messageId = id;
        return this;
    }

    RawMail inReplyTo(String id) {
        this.inReplyTo = id;
        return this;
    }

    RawMail references(String... ids) {
        references.addAll(List.of(ids));
        return this;
    }

    RawMail body(String body) {
        this.body = body;
        return this;
    }

    byte[] bytes() {
        StringBuilder out = new StringBuilder();
        out.append("From: ").append(from).append("\r\n");
        if (!to.isEmpty()) {
            out.append("To: ").append(String.join(", ", to)).append("\r\n");
        }
        if (!cc.isEmpty()) {
            out.append("Cc: ").append(String.join(", ", cc)).append("\r\n");
        }
        if (subject != null) {
            out.append("Subject: ").append(subject).append("\r\n");
        }
        if (messageId != null) {
            out.append("Message-ID: <").append(messageId).append(">\r\n");
        }
        if (inReplyTo != null) {
            out.append("In-Reply-To: <").append(inReplyTo).append(">\r\n");
        }
        if (!references.isEmpty()) {
            out.append("References: ");
            references.forEach(id -> out.append('<').append(id).append("> "));
            out.setLength(out.length() - 1);
            out.append("\r\n");
        }
        out.append("\r\n").append(body).append("\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
