package dev.openmail.adapters.webhook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import org.apache.hc.client5.http.io.DetachedSocketFactory;

/**
 * Plain sockets that check, once more, the address they are asked to connect to, and never go through a proxy. The
 * addresses come from {@link CheckingDnsResolver} already; this second look catches a path that would skip it.
 */
final class GuardedSocketFactory implements DetachedSocketFactory {

    private final TargetRule rule;

    GuardedSocketFactory(TargetRule rule) {
        this.rule = rule;
    }

    @Override
    public Socket create(Proxy proxy) throws IOException {
        if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
            throw new RefusedTargetException("refused: webhooks are never sent through a proxy");
        }
        return new GuardedSocket(rule);
    }

    private static final class GuardedSocket extends Socket {

        private final TargetRule rule;

        GuardedSocket(TargetRule rule) {
            this.rule = rule;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress inet) || inet.isUnresolved()) {
                throw new RefusedTargetException("refused: " + endpoint + " is not a resolved address");
            }
            rule.check(inet.getAddress());
            super.connect(endpoint, timeout);
        }
    }
}
