package dev.openmail.adapters.smtpout.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback addresses 127.0.0.1 to 127.0.0.n and a port free on all of them: fake mail exchangers each take an address
 * and share the port, since a sender connects to every mail exchanger on the same port.
 */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** 127.0.0.{@code n}. */
    public static InetAddress loopback(int n) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) n});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port that was free on 127.0.0.1 to 127.0.0.{@code count} a moment ago. */
    public static int freeOnAll(int count) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            List<ServerSocket> held = new ArrayList<>();
            try {
                ServerSocket first = new ServerSocket(0, 1, loopback(1));
                held.add(first);
                int port = first.getLocalPort();
                for (int n = 2; n <= count; n++) {
                    ServerSocket socket = new ServerSocket();
                    held.add(socket);
                    socket.bind(new InetSocketAddress(loopback(n), port), 1);
                }
                return port;
            } catch (IOException e) {
                last = e;
            } finally {
                for (ServerSocket socket : held) {
                    socket.close();
                }
            }
        }
        throw last;
    }
}
