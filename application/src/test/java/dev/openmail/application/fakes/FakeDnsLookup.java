package dev.openmail.application.fakes;

import dev.openmail.domain.maildomain.DnsRecord;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.port.out.DnsLookup;
import dev.openmail.domain.port.out.DnsUnavailableException;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DNS zone held in memory: TXT, MX and address answers by host name (compared case-insensitively, as DNS does), and a switch
 * that makes every lookup fail as an unreachable server would. Names without records answer an empty list.
 */
public final class FakeDnsLookup implements DnsLookup {

    private final Map<String, List<String>> txt = new HashMap<>();
    private final Map<String, List<MxRecord>> mx = new HashMap<>();
    private final Map<String, List<InetAddress>> addresses = new HashMap<>();
    private boolean unavailable;
    private int lookups;

    @Override
    public synchronized List<String> txt(String name) {
        answerOrFail(name);
        return List.copyOf(txt.getOrDefault(key(name), List.of()));
    }

    @Override
    public synchronized List<MxRecord> mx(String name) {
        answerOrFail(name);
        return List.copyOf(mx.getOrDefault(key(name), List.of()));
    }

    @Override
    public synchronized List<InetAddress> addresses(String host) {
        answerOrFail(host);
        return List.copyOf(addresses.getOrDefault(key(host), List.of()));
    }

    /** Adds an A or AAAA record for {@code host}, beside any already there. */
    public synchronized FakeDnsLookup publishAddress(String host, InetAddress address) {
        addresses.computeIfAbsent(key(host), k -> new ArrayList<>()).add(address);
        return this;
    }

    /** Adds a TXT record at {@code name}, beside any already there. */
    public synchronized FakeDnsLookup publishTxt(String name, String value) {
        txt.computeIfAbsent(key(name), k -> new ArrayList<>()).add(value);
        return this;
    }

    /** Adds an MX record at {@code name}, beside any already there. */
    public synchronized FakeDnsLookup publishMx(String name, int priority, String exchange) {
        mx.computeIfAbsent(key(name), k -> new ArrayList<>()).add(new MxRecord(priority, exchange));
        return this;
    }

    /** Publishes every record the domain asks for, exactly as it lists them. */
    public synchronized FakeDnsLookup publishAll(MailDomain domain, MxHost mxHost) {
        for (DnsRecord record : domain.records(mxHost)) {
            if (record.type().equals("MX")) {
                publishMx(record.name(), record.priority(), record.value());
            } else {
                publishTxt(record.name(), record.value());
            }
        }
        return this;
    }

    /** Removes every TXT, MX and address record at {@code name}. */
    public synchronized FakeDnsLookup withdraw(String name) {
        txt.remove(key(name));
        mx.remove(key(name));
        addresses.remove(key(name));
        return this;
    }

    /** While true, every lookup throws {@link DnsUnavailableException}. */
    public synchronized void setUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    /** How many lookups were asked for, answered or not. */
    public synchronized int lookups() {
        return lookups;
    }

    private void answerOrFail(String name) {
        lookups++;
        if (unavailable) {
            throw new DnsUnavailableException("the fake DNS server is switched off (asked about " + name + ")", null);
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
