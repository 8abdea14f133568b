package dev.openmail.adapters.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A tenant's webhook URL taken apart: scheme, host as written (a name or an address literal, without brackets),
 * port, and the path with its query. Only http and https; no user name or password.
 *
 * <p>The host is not checked here: whatever it is (a name, {@code 127.0.0.1}, {@code 2130706433}, {@code 127.1},
 * {@code [::ffff:7f00:1]}) it goes to the resolver, and the rule is applied to the addresses that come back.
 */
record WebhookTarget(String scheme, String host, int port, String pathAndQuery) {

    static WebhookTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException notUri) {
            throw new IllegalArgumentException("it is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https URLs can receive webhooks");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("it names no host");
        }
        if (authority.indexOf('@') >= 0) {
            throw new IllegalArgumentException("a user name or password in the URL is not supported");
        }
        String host;
        int port;
        if (uri.getHost() != null) {
            host = uri.getHost();
            port = uri.getPort();
        } else {
            // a registry-based authority that java.net.URI does not read as a server (127.1, 0x7f.1, my_host):
            // handed to the resolver as written, so the rule judges what it resolves to
            int colon = authority.lastIndexOf(':');
            int bracket = authority.lastIndexOf(']');
            if (colon > bracket) {
                host = authority.substring(0, colon);
                port = port(authority.substring(colon + 1));
            } else {
                host = authority;
                port = -1;
            }
        }
        if (host.length() > 1 && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("it names no host");
        }
        if (port > 65535) {
            throw new IllegalArgumentException("its port is out of range");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery();
        return new WebhookTarget(scheme, host, port, query == null ? path : path + "?" + query);
    }

    private static int port(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        if (digits.length() > 5) {
            throw new IllegalArgumentException("its port is out of range");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw new IllegalArgumentException("its port is not a number");
            }
        }
        return Integer.parseInt(digits);
    }

    /** host:port as people read it, the default port included. */
    String display() {
        String shown = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        int shownPort = port >= 0 ? port : scheme.equals("https") ? 443 : 80;
        return shown + ":" + shownPort;
    }
}
