package dev.openmail.adapters.smtpout;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An SMTP server whose replies each test picks, for what GreenMail cannot be made to say (4xx and 5xx at chosen
 * steps). It serves one connection at a time and records every command line and, after dot-unstuffing, every
 * message's bytes exactly as they came off the wire.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<byte[]> messages = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    private volatile List<String> extensions = List.of();
    private volatile String mailReply = "250 2.1.0 sender ok";
    private volatile Function<String, String> rcptReply = address -> "250 2.1.5 recipient ok";
    private volatile String dataEndReply = "250 2.0.0 queued as 1";

    ScriptedSmtpServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "scripted-smtp-" + serverSocket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Keywords announced after EHLO, such as {@code 8BITMIME} or {@code AUTH PLAIN}. */
    ScriptedSmtpServer extensions(String... keywords) {
        this.extensions = List.of(keywords);
        return this;
    }

    ScriptedSmtpServer mailReply(String reply) {
        this.mailReply = reply;
        return this;
    }

    /** The reply to {@code RCPT TO}, given the address between the angle brackets. */
    ScriptedSmtpServer rcptReply(Function<String, String> reply) {
        this.rcptReply = reply;
        return this;
    }

    /** The reply after the terminating dot of DATA. */
    ScriptedSmtpServer dataEndReply(String reply) {
        this.dataEndReply = reply;
        return this;
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    List<String> commandsStartingWith(String prefix) {
        return commands.stream().filter(c -> c.toUpperCase(Locale.ROOT).startsWith(prefix)).toList();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    List<byte[]> messages() {
        return List.copyOf(messages);
    }

    private void serve() {
        while (!serverSocket.isClosed()) {
            try (Socket socket = serverSocket.accept()) {
                connections.incrementAndGet();
                // bounds a client that stops talking, so a broken test ends instead of hanging the build
                socket.setSoTimeout(10_000);
                converse(new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
            } catch (IOException e) {
                if (serverSocket.isClosed()) {
                    return;
                }
            }
        }
    }

    private void converse(InputStream in, OutputStream out) throws IOException {
        send(out, "220 scripted.test ESMTP");
        String line;
        while ((line = readLine(in)) != null) {
            commands.add(line);
            String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT)
                    : line.substring(0, 4).toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO" -> {
                    StringBuilder reply = new StringBuilder();
                    List<String> keywords = extensions;
                    reply.append(keywords.isEmpty() ? "250 " : "250-").append("scripted.test");
                    for (int i = 0; i < keywords.size(); i++) {
                        reply.append("\r\n").append(i == keywords.size() - 1 ? "250 " : "250-").append(keywords.get(i));
                    }
                    send(out, reply.toString());
                }
                case "HELO", "RSET", "NOOP" -> send(out, "250 OK");
                case "MAIL" -> send(out, mailReply);
                case "RCPT" -> {
                    int open = line.indexOf('<');
                    int close = line.lastIndexOf('>');
                    send(out, rcptReply.apply(open >= 0 && close > open ? line.substring(open + 1, close) : line));
                }
                case "DATA" -> {
                    send(out, "354 end with <CRLF>.<CRLF>");
                    messages.add(readData(in));
                    send(out, dataEndReply);
                }
                case "QUIT" -> {
                    send(out, "221 bye");
                    return;
                }
                default -> send(out, "502 5.5.1 not implemented");
            }
        }
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
        return new String(line, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** One line with its CRLF (or whatever ended it), or null at the end of the stream. */
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
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
