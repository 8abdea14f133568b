package dev.openmail.adapters.smtpout.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A mail exchanger for tests, listening on one address and port (loopback addresses 127.0.0.x share a port, as mail
 * exchangers share port 25). Each connection is served on its own thread. It can offer STARTTLS with a given
 * certificate, refuse chosen recipients, defer its first attempts, or never answer at all; it records every
 * connection and every message it accepted, with its envelope and whether it came over TLS.
 */
public final class FakeMxServer implements AutoCloseable {

    /** A message this server took: the envelope, the bytes after dot-unstuffing, and whether the session was TLS. */
    public record Accepted(String from, List<String> recipients, byte[] data, boolean tls, int connection) {
    }

    private final ServerSocket serverSocket;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger deferrals = new AtomicInteger();
    private final Object changes = new Object();
    private volatile boolean answers = true;
    private volatile SSLContext startTls;
    private volatile List<String> extensions = List.of("8BITMIME", "PIPELINING");
    private volatile Function<String, String> rcptReply = address -> "250 2.1.5 ok";
    private volatile int deferFirst;
    private volatile boolean brokenTls;
    private volatile String greeting = "220 fake-mx.test ESMTP";

    private FakeMxServer(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        Thread thread = new Thread(this::acceptLoop, "fake-mx-" + serverSocket.getLocalSocketAddress());
        thread.setDaemon(true);
        thread.start();
    }

    /** A server accepting every message, on {@code address} at {@code port}. */
    public static FakeMxServer start(InetAddress address, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port), 50);
        return new FakeMxServer(socket);
    }

    /** Offers STARTTLS with this server-side context. */
    public FakeMxServer withStartTls(SSLContext context) {
        this.startTls = context;
        return this;
    }

    /** Accepts connections but never sends a byte: the greeting never comes. */
    public FakeMxServer silent() {
        this.answers = false;
        return this;
    }

    /** Answers RCPT of {@code recipient} with {@code reply} (such as {@code 550 5.1.1 no such user}), others 250. */
    public FakeMxServer refusing(String recipient, String reply) {
        this.rcptReply = address -> address.equalsIgnoreCase(recipient) ? reply : "250 2.1.5 ok";
        return this;
    }

    /** Answers the first {@code attempts} RCPT commands {@code 451 4.7.1}, as greylisting does, then accepts. */
    public FakeMxServer deferringFirst(int attempts) {
        this.deferFirst = attempts;
        return this;
    }

    /** Offers STARTTLS, answers it 220, then sends something that is no TLS and hangs up. */
    public FakeMxServer withBrokenTls() {
        this.brokenTls = true;
        return this;
    }

    /** Greets with these exact bytes (CRLF added) instead of a proper 220 line. */
    public FakeMxServer greeting(String text) {
        this.greeting = text;
        return this;
    }

    public FakeMxServer extensions(String... keywords) {
        this.extensions = List.of(keywords);
        return this;
    }

    public InetAddress address() {
        return serverSocket.getInetAddress();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    public List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** Waits until at least {@code count} connections have been accepted; false when {@code limit} passed first. */
    public boolean awaitConnections(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (changes) {
            while (connections.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changes.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Waits until at least {@code count} messages have been accepted; false when {@code limit} passed first. */
    public boolean awaitAccepted(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (changes) {
            while (accepted.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changes.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            open.add(socket);
            if (serverSocket.isClosed()) {
                // closed while this connection was being accepted, after close() went over the open ones
                closeOpen();
                return;
            }
            int number = connections.incrementAndGet();
            synchronized (changes) {
                changes.notifyAll();
            }
            if (!answers) {
                // held open, never answered, until the client gives up or the server closes
                continue;
            }
            Thread thread = new Thread(() -> serve(socket, number), "fake-mx-session-" + number);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            socket.setSoTimeout(30_000);
            converse(socket, number);
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    private void converse(Socket plain, int number) throws IOException {
        Socket socket = plain;
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        boolean tls = false;
        String from = null;
        List<String> recipients = new ArrayList<>();
        send(out, greeting);
        String line;
        while ((line = readLine(in)) != null) {
            commands.add(line);
            String upper = line.toUpperCase(Locale.ROOT);
            String verb = upper.length() < 4 ? upper : upper.substring(0, 4);
            switch (verb) {
                case "EHLO" -> {
                    List<String> keywords = new ArrayList<>(extensions);
                    if ((startTls != null || brokenTls) && !tls) {
                        keywords.add("STARTTLS");
                    }
                    StringBuilder reply = new StringBuilder(keywords.isEmpty() ? "250 " : "250-")
                            .append("fake-mx.test");
                    for (int i = 0; i < keywords.size(); i++) {
                        reply.append("\r\n").append(i == keywords.size() - 1 ? "250 " : "250-")
                                .append(keywords.get(i));
                    }
                    send(out, reply.toString());
                }
                case "HELO", "NOOP" -> send(out, "250 ok");
                case "RSET" -> {
                    from = null;
                    recipients.clear();
                    send(out, "250 ok");
                }
                case "STAR" -> {
                    if (brokenTls) {
                        send(out, "220 2.0.0 go ahead");
                        send(out, "this is not TLS");
                        return;
                    }
                    if (startTls == null || tls) {
                        send(out, "502 5.5.1 not offered");
                        continue;
                    }
                    send(out, "220 2.0.0 go ahead");
                    SSLSocket ssl = (SSLSocket) startTls.getSocketFactory().createSocket(socket,
                            socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    socket = ssl;
                    in = new BufferedInputStream(ssl.getInputStream());
                    out = ssl.getOutputStream();
                    tls = true;
                    from = null;
                    recipients.clear();
                }
                case "MAIL" -> {
                    from = between(line);
                    recipients.clear();
                    send(out, "250 2.1.0 ok");
                }
                case "RCPT" -> {
                    if (from == null) {
                        send(out, "503 5.5.1 MAIL first");
                        continue;
                    }
                    String recipient = between(line);
                    if (deferrals.getAndIncrement() < deferFirst) {
                        send(out, "451 4.7.1 greylisted, try again later");
                        continue;
                    }
                    String reply = rcptReply.apply(recipient);
                    if (reply.startsWith("2")) {
                        recipients.add(recipient);
                    }
                    send(out, reply);
                }
                case "DATA" -> {
                    if (from == null || recipients.isEmpty()) {
                        send(out, "503 5.5.1 no valid recipients");
                        continue;
                    }
                    send(out, "354 end with <CRLF>.<CRLF>");
                    byte[] data = readData(in);
                    accepted.add(new Accepted(from, List.copyOf(recipients), data, tls, number));
                    synchronized (changes) {
                        changes.notifyAll();
                    }
                    from = null;
                    recipients.clear();
                    send(out, "250 2.0.0 queued as " + accepted.size());
                }
                case "QUIT" -> {
                    send(out, "221 2.0.0 bye");
                    return;
                }
                default -> send(out, "502 5.5.1 not implemented");
            }
        }
    }

    private static String between(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open >= 0 && close > open ? line.substring(open + 1, close) : "";
    }

    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            byte[] line = readRawLine(in);
            if (line == null) {
                throw new IOException("connection closed inside DATA");
            }
            if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') {
                return message.toByteArray();
            }
            int skip = line.length > 0 && line[0] == '.' ? 1 : 0;
            message.write(line, skip, line.length - skip);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        byte[] line = readRawLine(in);
        if (line == null) {
            return null;
        }
        int end = line.length;
        if (end >= 2 && line[end - 2] == '\r' && line[end - 1] == '\n') {
            end -= 2;
        }
        return new String(line, 0, end, StandardCharsets.UTF_8);
    }

    private static byte[] readRawLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Closes every open connection without a word, as a server that restarts does, and keeps listening. */
    public void dropConnections() {
        closeOpen();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        closeOpen();
    }

    private void closeOpen() {
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
