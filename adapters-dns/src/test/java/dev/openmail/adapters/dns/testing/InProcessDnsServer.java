package dev.openmail.adapters.dns.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A real DNS server for tests, authoritative for whatever names a test publishes, on 127.0.0.1 at a free port over UDP
 * and TCP (the same port). Give {@link #address()} to the code under test as its DNS server.
 *
 * <p>A name not published answers NXDOMAIN; a published name (or an ancestor of one) asked for a type it lacks answers
 * NOERROR with an empty answer; a name set to {@link #failWith fail} answers that rcode. UDP answers larger than the
 * client's EDNS payload size (512 bytes without EDNS) are truncated with the TC bit, so clients retry over TCP. The zone
 * may be changed at any time from any thread; every query sees the zone as it is then (records carry TTL 0).
 */
public final class InProcessDnsServer implements AutoCloseable {

    private static final int MAX_CHARACTER_STRING = 255;
    private static final int UDP_SIZE_WITHOUT_EDNS = 512;
    private static final int EDNS_PAYLOAD_SIZE = 1232;
    private static final int BIND_ATTEMPTS = 20;

    private final ConcurrentMap<Name, Entry> zone = new ConcurrentHashMap<>();
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "in-process-dns");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger udpQueries = new AtomicInteger();
    private final AtomicInteger tcpQueries = new AtomicInteger();

    private record Entry(List<Record> records, Integer failure) {
    }

    private InProcessDnsServer(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
        threads.execute(this::serveUdp);
        threads.execute(this::acceptTcp);
    }

    /** Starts a server with an empty zone; close it when done. */
    public static InProcessDnsServer start() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        BindException lastFailure = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                ServerSocket tcp = new ServerSocket();
                try {
                    tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()));
                    return new InProcessDnsServer(udp, tcp);
                } catch (IOException e) {
                    tcp.close();
                    throw e;
                }
            } catch (BindException e) {
                // the free UDP port is taken on TCP: try another
                udp.close();
                lastFailure = e;
            } catch (IOException | RuntimeException e) {
                udp.close();
                throw e;
            }
        }
        throw lastFailure;
    }

    /** {@code 127.0.0.1:<port>}, the form {@code OPENMAIL_DNS_SERVER} takes. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** Publishes one TXT record made of the given character-strings (each at most 255 bytes in UTF-8). */
    public void addTxt(String name, String... strings) {
        List<byte[]> parts = new ArrayList<>();
        for (String string : strings) {
            byte[] part = string.getBytes(StandardCharsets.UTF_8);
            if (part.length > MAX_CHARACTER_STRING) {
                throw new IllegalArgumentException(
                        "a TXT character-string holds at most 255 bytes; use addTxtValue for longer values");
            }
            parts.add(part);
        }
        addRecord(txtRecord(absolute(name), parts));
    }

    /** Publishes one TXT record carrying {@code value}, split into 255-byte character-strings as DKIM keys are. */
    public void addTxtValue(String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        List<byte[]> parts = new ArrayList<>();
        for (int start = 0; start < bytes.length; start += MAX_CHARACTER_STRING) {
            parts.add(Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + MAX_CHARACTER_STRING)));
        }
        if (parts.isEmpty()) {
            parts.add(new byte[0]);
        }
        addRecord(txtRecord(absolute(name), parts));
    }

    /** Publishes one MX record; the exchange is served exactly as given (case and trailing dot). */
    public void addMx(String name, int priority, String exchange) {
        addRecord(new MXRecord(absolute(name), DClass.IN, 0, priority, absolute(exchange)));
    }

    /**
     * Publishes the null MX ({@code 0 .}, RFC 7505): the domain accepts no mail.
     */
    public void addNullMx(String name) {
        addRecord(new MXRecord(absolute(name), DClass.IN, 0, 0, Name.root));
    }

    /** Publishes one A or AAAA record (by the address's family). */
    public void addAddress(String name, InetAddress address) {
        addRecord(address instanceof Inet6Address
                ? new AAAARecord(absolute(name), DClass.IN, 0, address)
                : new ARecord(absolute(name), DClass.IN, 0, address));
    }

    /** Makes every query for {@code name} answer {@code rcode} (e.g. {@link Rcode#SERVFAIL}) until it is cleared. */
    public void failWith(String name, int rcode) {
        if (rcode <= Rcode.NOERROR || rcode == Rcode.NXDOMAIN || rcode > 15) {
            throw new IllegalArgumentException("failWith takes a failure rcode below 16 other than NXDOMAIN: " + rcode);
        }
        zone.compute(absolute(name), (owner, entry) -> new Entry(entry == null ? List.of() : entry.records(), rcode));
    }

    /** Removes {@code name}'s records and failure: the name no longer exists. */
    public void clear(String name) {
        zone.remove(absolute(name));
    }

    public void removeAll() {
        zone.clear();
    }

    /** Queries answered over UDP since the start, well-formed or not. */
    public int udpQueries() {
        return udpQueries.get();
    }

    /** Queries answered over TCP since the start. */
    public int tcpQueries() {
        return tcpQueries.get();
    }

    @Override
    public void close() {
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // the listening socket is gone either way
        }
        connections.forEach(InProcessDnsServer::closeQuietly);
        threads.shutdownNow();
    }

    private static void closeQuietly(Socket connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // closed to end its conversation; nothing more to do
        }
    }

    private void addRecord(Record record) {
        zone.compute(record.getName(), (owner, entry) -> {
            List<Record> records = new ArrayList<>(entry == null ? List.of() : entry.records());
            records.add(record);
            return new Entry(List.copyOf(records), entry == null ? null : entry.failure());
        });
    }

    private static Record txtRecord(Name name, List<byte[]> strings) {
        ByteArrayOutputStream rdata = new ByteArrayOutputStream();
        for (byte[] string : strings) {
            rdata.write(string.length);
            rdata.writeBytes(string);
        }
        return Record.newRecord(name, Type.TXT, DClass.IN, 0, rdata.toByteArray());
    }

    private static Name absolute(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a valid DNS name: " + name, e);
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                udpQueries.incrementAndGet();
                byte[] answer = answer(Arrays.copyOf(packet.getData(), packet.getLength()), true);
                if (answer != null) {
                    udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (udp.isClosed()) {
                    return;
                }
            }
        }
    }

    private void acceptTcp() {
        while (!tcp.isClosed()) {
            Socket connection;
            try {
                connection = tcp.accept();
            } catch (IOException e) {
                if (tcp.isClosed()) {
                    return;
                }
                continue;
            }
            connections.add(connection);
            try {
                threads.execute(() -> serveTcp(connection));
            } catch (RejectedExecutionException e) {
                // closed between accept and hand-over
                closeQuietly(connection);
                return;
            }
        }
    }

    private void serveTcp(Socket connection) {
        try (connection;
             DataInputStream in = new DataInputStream(connection.getInputStream());
             DataOutputStream out = new DataOutputStream(connection.getOutputStream())) {
            while (true) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                tcpQueries.incrementAndGet();
                byte[] answer = answer(query, false);
                if (answer == null) {
                    return;
                }
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (EOFException | SocketException e) {
            // the client is done with the connection, or the server is closing
        } catch (IOException e) {
            // a broken connection only ends this conversation
        } finally {
            connections.remove(connection);
        }
    }

    /** The wire answer to a wire query, or null to ignore something that is not a DNS query. */
    private byte[] answer(byte[] wireQuery, boolean overUdp) {
        Message query;
        try {
            query = new Message(wireQuery);
        } catch (IOException e) {
            return null;
        }
        Header queryHeader = query.getHeader();
        if (queryHeader.getFlag(Flags.QR)) {
            return null;
        }
        Message response = new Message(queryHeader.getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        header.setOpcode(queryHeader.getOpcode());
        if (queryHeader.getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (question != null) {
            response.addRecord(question, Section.QUESTION);
        }
        OPTRecord clientEdns = query.getOPT();
        if (clientEdns != null) {
            response.addRecord(new OPTRecord(EDNS_PAYLOAD_SIZE, 0, 0), Section.ADDITIONAL);
        }

        if (queryHeader.getOpcode() != Opcode.QUERY) {
            header.setRcode(Rcode.NOTIMP);
        } else if (question == null || queryHeader.getCount(Section.QUESTION) != 1) {
            header.setRcode(Rcode.FORMERR);
        } else {
            resolve(question, response);
        }

        if (!overUdp) {
            return response.toWire();
        }
        int maxSize = clientEdns == null
                ? UDP_SIZE_WITHOUT_EDNS
                : Math.max(UDP_SIZE_WITHOUT_EDNS, Math.min(EDNS_PAYLOAD_SIZE, clientEdns.getPayloadSize()));
        return response.toWire(maxSize);
    }

    private void resolve(Record question, Message response) {
        Header header = response.getHeader();
        Name name = question.getName();
        Entry entry = zone.get(name);
        if (entry != null && entry.failure() != null) {
            header.setRcode(entry.failure());
            return;
        }
        header.setFlag(Flags.AA);
        if (entry != null) {
            for (Record record : entry.records()) {
                if (record.getType() == question.getType() || question.getType() == Type.ANY) {
                    response.addRecord(record, Section.ANSWER);
                }
            }
            header.setRcode(Rcode.NOERROR);
        } else if (zone.keySet().stream().anyMatch(owner -> owner.subdomain(name))) {
            // an empty non-terminal, such as _domainkey.example.com under openmail._domainkey.example.com
            header.setRcode(Rcode.NOERROR);
        } else {
            header.setRcode(Rcode.NXDOMAIN);
        }
    }
}
