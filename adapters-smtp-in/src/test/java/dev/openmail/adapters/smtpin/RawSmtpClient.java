package dev.openmail.adapters.smtpin;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A plain socket SMTP client that sends exactly the bytes it is given. */
final class RawSmtpClient implements AutoCloseable {

    /** Bounds every read, so that a listener that never answers fails the test instead of hanging it. */
    static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawSmtpClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects, reads the greeting and says EHLO. */
    static RawSmtpClient connected(int port) throws IOException {
        RawSmtpClient client = new RawSmtpClient(port);
        Reply greeting = client.readReply();
        if (greeting.code() != 220) {
            client.close();
            throw new IOException("unexpected greeting " + greeting);
        }
        Reply ehlo = client.command("EHLO client.test");
        if (ehlo.code() != 250) {
            client.close();
            throw new IOException("unexpected EHLO reply " + ehlo);
        }
        return client;
    }

    Reply command(String line) throws IOException {
        writeLine(line);
        return readReply();
    }

    void writeLine(String line) throws IOException {
        write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Sends one whole transaction and returns the reply to the end of DATA, or the first reply that was not the
     * expected 250/354.
     */
    Reply send(String from, List<String> recipients, byte[] message) throws IOException {
        Reply mail = command("MAIL FROM:<" + from + ">");
        if (mail.code() != 250) {
            return mail;
        }
        for (String recipient : recipients) {
            Reply rcpt = command("RCPT TO:<" + recipient + ">");
            if (rcpt.code() != 250) {
                return rcpt;
            }
        }
        Reply data = command("DATA");
        if (data.code() != 354) {
            return data;
        }
        write(dotStuffed(message));
        return readReply();
    }

    /** The message as DATA content: leading dots doubled, ended with CRLF.CRLF. */
    static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 16);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** One reply, all its lines; fails when the connection ends first. */
    Reply readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("connection closed after " + lines);
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    /** A line without its line ending, or null at the end of the stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /**
     * Reads what the server still sends until it closes the connection; a reset counts as closed. Fails with a
     * {@link java.net.SocketTimeoutException} when the server keeps the connection open.
     */
    List<String> readUntilClosed() throws IOException {
        List<String> lines = new ArrayList<>();
        try {
            String line;
            while ((line = readLine()) != null) {
                lines.add(line);
            }
        } catch (java.net.SocketTimeoutException e) {
            throw e;
        } catch (IOException reset) {
            lines.add("<reset: " + reset.getMessage() + ">");
        }
        return lines;
    }

    /** Half-closes the connection: the server reads the end of the stream, and can still answer. */
    void endOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Reply(int code, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }

        /** The text after the code of the last line. */
        String message() {
            String last = lines.get(lines.size() - 1);
            return last.length() > 4 ? last.substring(4) : "";
        }
    }
}
