package dev.openmail.adapters.smtpout.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Serves MTA-STS policies ({@code /.well-known/mta-sts.txt}) over HTTPS with the JDK's server, by the request's host
 * ({@code mta-sts.<domain>}), with a certificate of the given context (made for those host names). Counts the fetches.
 */
public final class MtaStsServer implements AutoCloseable {

    private final HttpsServer server;
    private final Map<String, String> policies = new ConcurrentHashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();

    private MtaStsServer(HttpsServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1 at a free port (see {@link #port()}). */
    public static MtaStsServer start(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        MtaStsServer policyServer = new MtaStsServer(server);
        server.createContext("/.well-known/mta-sts.txt", exchange -> {
            policyServer.fetches.incrementAndGet();
            String host = exchange.getRequestHeaders().getFirst("Host");
            host = host == null ? "" : host.toLowerCase(Locale.ROOT);
            int colon = host.indexOf(':');
            String policy = policyServer.policies.get(colon < 0 ? host : host.substring(0, colon));
            if (policy == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = policy.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return policyServer;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code policy} (the whole body) for {@code domain} at {@code mta-sts.<domain>}. */
    public MtaStsServer serve(String domain, String policy) {
        policies.put("mta-sts." + domain.toLowerCase(Locale.ROOT), policy);
        return this;
    }

    public int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
