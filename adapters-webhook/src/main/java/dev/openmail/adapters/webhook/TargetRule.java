package dev.openmail.adapters.webhook;

import dev.openmail.domain.net.PublicAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Applies {@link PublicAddresses} to the addresses of one host, unless private targets are allowed. */
final class TargetRule {

    static final String ALLOW_HINT =
            "set OPENMAIL_WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow private targets";

    private final boolean allowPrivateTargets;

    TargetRule(boolean allowPrivateTargets) {
        this.allowPrivateTargets = allowPrivateTargets;
    }

    boolean allowsPrivateTargets() {
        return allowPrivateTargets;
    }

    /**
     * The addresses of {@code host} that may be connected to, in the resolver's order: the public ones (all of them
     * when private targets are allowed).
     *
     * @throws RefusedTargetException when none is public
     */
    List<InetAddress> permitted(String host, InetAddress[] addresses) throws RefusedTargetException {
        if (allowPrivateTargets) {
            return List.of(addresses);
        }
        List<InetAddress> permitted = new ArrayList<>(addresses.length);
        PublicAddresses.Classification firstRefused = null;
        for (InetAddress address : addresses) {
            PublicAddresses.Classification classification = PublicAddresses.classify(address);
            if (classification.isPublic()) {
                permitted.add(address);
            } else if (firstRefused == null) {
                firstRefused = classification;
            }
        }
        if (permitted.isEmpty()) {
            if (firstRefused == null) {
                throw new RefusedTargetException("refused: " + host + " has no address");
            }
            throw new RefusedTargetException(refusal(host, firstRefused, addresses.length));
        }
        return List.copyOf(permitted);
    }

    /** Checks the one address a socket is about to connect to. */
    void check(InetAddress address) throws RefusedTargetException {
        if (allowPrivateTargets) {
            return;
        }
        PublicAddresses.Classification classification = PublicAddresses.classify(address);
        if (!classification.isPublic()) {
            throw new RefusedTargetException("refused: " + classification.describe() + "; " + ALLOW_HINT);
        }
    }

    private static String refusal(String host, PublicAddresses.Classification refused, int count) {
        String literal = refused.address().getHostAddress();
        if (host.equalsIgnoreCase(literal) || count == 1 && isLiteral(host)) {
            return "refused: " + refused.describe() + "; " + ALLOW_HINT;
        }
        if (count == 1) {
            return "refused: " + host + " resolves to " + refused.appositive() + "; " + ALLOW_HINT;
        }
        return "refused: " + host + " resolves to no public address (" + refused.describe() + "); " + ALLOW_HINT;
    }

    /** Whether the host as written is an address rather than a name: IPv6, or only digits and dots. */
    private static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.') {
                return false;
            }
        }
        return true;
    }
}
