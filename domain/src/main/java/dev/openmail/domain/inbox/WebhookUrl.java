package dev.openmail.domain.inbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Where an inbox's events are posted: an absolute http(s) URL with a host, without credentials or fragment. */
public record WebhookUrl(String value) {

    public static final int MAX_LENGTH = 2048;

    public WebhookUrl {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidWebhookUrlException(problem);
        }
    }

    private static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return "webhookUrl must be an absolute http or https URL.";
        }
        if (value.length() > MAX_LENGTH) {
            return "webhookUrl may be at most " + MAX_LENGTH + " characters long.";
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "webhookUrl is not a valid URL: " + e.getReason() + ".";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "webhookUrl must use https (or http).";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "webhookUrl must name a host.";
        }
        if (uri.getRawUserInfo() != null) {
            return "webhookUrl may not carry a user name or password.";
        }
        if (uri.getRawFragment() != null) {
            return "webhookUrl may not have a fragment (#...).";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
