package dev.openmail.adapters.smtpout.direct;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP client connection to one address of one mail exchanger. Every read waits at most the command timeout
 * (the end of DATA its own, longer one), and every write is bounded too: a watchdog closes the socket when a write
 * stalls past the timeout. Replies are read in bounded memory: a reply longer than {@value #MAX_REPLY_BYTES} bytes, or
 * one that is not SMTP, breaks the connection.
 */
final class SmtpSession implements AutoCloseable {

    static final int MAX_REPLY_BYTES = 64 * 1024;
    private static final int MAX_TEXT_CHARS = 2000;
    private static final int CHUNK = 64 * 1024;

    private final String host;
    private final InetAddress address;
    private final int port;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private Set<String> extensions = Set.of();
    private boolean tls;
    private boolean verified;
    private boolean broken;
    private boolean transactionOpen;
    private long idleSinceNanos;

    private SmtpSession(String host, InetAddress address, int port, Duration timeout,
            ScheduledExecutorService watchdog) {
        this.host = host;
        this.address = address;
        this.port = port;
        this.timeout = timeout;
        this.watchdog = watchdog;
    }

    /**
     * Connects to exactly {@code address} (the one the caller has checked), without a proxy, within the timeout.
     */
    static SmtpSession connect(String host, InetAddress address, int port, Duration timeout,
            ScheduledExecutorService watchdog) throws IOException {
        SmtpSession session = new SmtpSession(host, address, port, timeout, watchdog);
        Socket socket = new Socket(Proxy.NO_PROXY);
        try {
            socket.connect(new InetSocketAddress(address, port), millis(timeout));
            socket.setSoTimeout(millis(timeout));
            socket.setTcpNoDelay(true);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        session.use(socket);
        return session;
    }

    String host() {
        return host;
    }

    InetAddress address() {
        return address;
    }

    int port() {
        return port;
    }

    boolean tls() {
        return tls;
    }

    /** Whether the connection is TLS with a certificate that verified for {@link #host()}. */
    boolean verified() {
        return verified;
    }

    /** Whether the connection can no longer be trusted to be in step with the server (timeout, lost, 421). */
    boolean broken() {
        return broken;
    }

    boolean supports(String keyword) {
        return extensions.contains(keyword.toUpperCase(Locale.ROOT));
    }

    void markIdle() {
        idleSinceNanos = System.nanoTime();
    }

    Duration idleFor() {
        return Duration.ofNanos(System.nanoTime() - idleSinceNanos);
    }

    SmtpReply greeting() throws IOException {
        return read();
    }

    /** EHLO, or HELO when the server does not know EHLO; remembers the extensions announced. */
    SmtpReply hello(String name) throws IOException {
        SmtpReply reply = command("EHLO " + name);
        if (reply.permanentFailure() && reply.code() != 554) {
            extensions = Set.of();
            return command("HELO " + name);
        }
        if (reply.positive()) {
            Set<String> keywords = new HashSet<>();
            List<String> lines = reply.lines();
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i).length() > 4 ? lines.get(i).substring(4).strip() : "";
                int space = line.indexOf(' ');
                keywords.add((space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT));
            }
            extensions = Set.copyOf(keywords);
        }
        return reply;
    }

    /**
     * STARTTLS, then the TLS handshake within the timeout. With {@code verify}, the certificate must chain to a trusted
     * CA and name {@link #host()}; the handshake fails otherwise. Answers the server's reply to STARTTLS; after a 220,
     * the session is encrypted (or the handshake threw) and needs a new {@link #hello}.
     */
    SmtpReply startTls(SSLContext context, boolean verify) throws IOException {
        SmtpReply reply = command("STARTTLS");
        if (reply.code() != 220) {
            return reply;
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        try {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        } catch (IllegalArgumentException e) {
            // a name SNI cannot carry: the handshake goes without it
        }
        if (verify) {
            // RFC 6125 name checks as for HTTPS, which is what MTA-STS (RFC 8461 4.2) asks for
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(millis(timeout));
        ScheduledFuture<?> guard = guard(timeout);
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            broken = true;
            throw e;
        } finally {
            guard.cancel(false);
        }
        use(ssl);
        tls = true;
        verified = verify;
        extensions = Set.of();
        return reply;
    }

    /** MAIL FROM with the given parameters (such as {@code BODY=8BITMIME}), opening a transaction when accepted. */
    SmtpReply mail(String reversePath, String parameters) throws IOException {
        SmtpReply reply = command("MAIL FROM:<" + reversePath + ">" + (parameters.isEmpty() ? "" : " " + parameters));
        transactionOpen = reply.positive();
        return reply;
    }

    SmtpReply rcpt(String forwardPath) throws IOException {
        return command("RCPT TO:<" + forwardPath + ">");
    }

    /**
     * DATA, the message dot-stuffed and ended with CRLF.CRLF, and the server's verdict, awaited up to
     * {@code endTimeout}. Answers the reply to DATA itself when it is not 354.
     */
    SmtpReply data(byte[] raw, Duration endTimeout) throws IOException {
        SmtpReply go = command("DATA");
        if (go.code() != 354) {
            return go;
        }
        DotStuffer stuffer = new DotStuffer();
        for (byte b : raw) {
            stuffer.put(b);
        }
        stuffer.end(raw.length < 2 || raw[raw.length - 2] != '\r' || raw[raw.length - 1] != '\n');
        socket.setSoTimeout(millis(endTimeout));
        try {
            SmtpReply verdict = read();
            transactionOpen = false;
            return verdict;
        } finally {
            if (!broken) {
                socket.setSoTimeout(millis(timeout));
            }
        }
    }

    /** Ends an unfinished transaction; nothing is sent when none is open. */
    void resetIfNeeded() throws IOException {
        if (transactionOpen) {
            reset();
        }
    }

    SmtpReply reset() throws IOException {
        SmtpReply reply = command("RSET");
        if (!reply.positive()) {
            broken = true;
        }
        transactionOpen = false;
        return reply;
    }

    SmtpReply command(String line) throws IOException {
        if (broken) {
            throw new IOException("the connection to " + host + " is no longer usable");
        }
        write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        return read();
    }

    /** QUIT without waiting long for the answer, then close. */
    void quit() {
        if (!broken && socket != null && !socket.isClosed()) {
            try {
                write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // closing anyway
            }
        }
        close();
    }

    @Override
    public void close() {
        broken = true;
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // closed either way
        }
    }

    private void use(Socket newSocket) throws IOException {
        socket = newSocket;
        in = new BufferedInputStream(newSocket.getInputStream());
        out = newSocket.getOutputStream();
    }

    private void write(byte[] bytes) throws IOException {
        write(bytes, bytes.length);
    }

    private void write(byte[] bytes, int length) throws IOException {
        ScheduledFuture<?> guard = guard(timeout);
        try {
            out.write(bytes, 0, length);
            out.flush();
        } catch (IOException e) {
            broken = true;
            throw e;
        } finally {
            guard.cancel(false);
        }
    }

    /** Closes the socket after {@code limit} unless cancelled first: socket writes have no timeout of their own. */
    private ScheduledFuture<?> guard(Duration limit) {
        return watchdog.schedule(this::close, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One reply, all its lines, within the size bound and within the socket's read timeout for the whole reply (each
     * read waits at most that long, so a server dripping a byte at a time is cut off after twice the timeout).
     */
    private SmtpReply read() throws IOException {
        try {
            long limitMillis = socket.getSoTimeout();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis);
            StringBuilder text = new StringBuilder();
            List<String> lines = new java.util.ArrayList<>();
            int total = 0;
            int code = -1;
            while (true) {
                StringBuilder line = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    if (++total > MAX_REPLY_BYTES) {
                        throw new IOException(host + " sent a reply longer than " + MAX_REPLY_BYTES + " bytes");
                    }
                    if (limitMillis > 0 && System.nanoTime() - deadline > 0) {
                        throw new java.net.SocketTimeoutException(host + " timed out: no whole reply within "
                                + limitMillis + " ms");
                    }
                    if (b != '\r' && line.length() < MAX_TEXT_CHARS) {
                        line.append(b < 0x20 || b == 0x7f ? '?' : (char) b);
                    }
                }
                if (b < 0) {
                    throw new IOException(host + " closed the connection");
                }
                int lineCode = lineCode(line);
                if (lineCode < 0 || (code >= 0 && lineCode != code)) {
                    throw new IOException(host + " sent something that is not an SMTP reply: "
                            + line.substring(0, Math.min(line.length(), 100)));
                }
                code = lineCode;
                if (lines.size() < 100) {
                    lines.add(line.toString());
                }
                if (text.length() > 0) {
                    text.append(" | ");
                }
                if (text.length() < MAX_TEXT_CHARS) {
                    text.append(line, 0, Math.min(line.length(), MAX_TEXT_CHARS - text.length()));
                }
                if (line.length() == 3 || line.charAt(3) == ' ') {
                    SmtpReply reply = new SmtpReply(code, text.toString(), lines);
                    if (code == 421) {
                        // the server closes the connection after this
                        broken = true;
                    }
                    return reply;
                }
            }
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    /** The reply code of a reply line, or -1 when it does not start with one followed by a space, '-' or nothing. */
    private static int lineCode(CharSequence line) {
        if (line.length() < 3) {
            return -1;
        }
        for (int i = 0; i < 3; i++) {
            if (line.charAt(i) < '0' || line.charAt(i) > '9') {
                return -1;
            }
        }
        if (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
            return -1;
        }
        return Integer.parseInt(line.subSequence(0, 3).toString());
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    /**
     * Writes the message in chunks, doubling a dot at the start of a line (RFC 5321 4.5.2), and ends it with
     * CRLF.CRLF. Each chunk's write is bounded by the timeout.
     */
    private final class DotStuffer {
        private final byte[] buffer = new byte[CHUNK + 8];
        private int length;
        private boolean lineStart = true;

        void put(byte b) throws IOException {
            if (lineStart && b == '.') {
                buffer[length++] = '.';
            }
            buffer[length++] = b;
            lineStart = b == '\n';
            if (length >= CHUNK) {
                write(buffer, length);
                length = 0;
            }
        }

        void end(boolean needsLineBreak) throws IOException {
            if (needsLineBreak) {
                buffer[length++] = '\r';
                buffer[length++] = '\n';
            }
            buffer[length++] = '.';
            buffer[length++] = '\r';
            buffer[length++] = '\n';
            write(buffer, length);
            length = 0;
        }
    }
}
