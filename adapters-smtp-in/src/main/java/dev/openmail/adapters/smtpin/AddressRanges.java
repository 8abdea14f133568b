package dev.openmail.adapters.smtpin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of IP addresses and CIDR ranges, IPv4 and IPv6, such as {@code 127.0.0.1, 10.0.0.0/8, 2001:db8::/32}. An
 * IPv4 range does not match IPv6 addresses, IPv4-mapped ones included. Only literal addresses are accepted, never
 * names, so that reading the setting never asks DNS.
 */
final class AddressRanges {

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Range> ranges;
    private final String text;

    private AddressRanges(List<Range> ranges, String text) {
        this.ranges = List.copyOf(ranges);
        this.text = text;
    }

    static AddressRanges none() {
        return new AddressRanges(List.of(), "");
    }

    /** Parses a comma-separated list; blank entries are skipped. Fails on anything that is not an address or range. */
    static AddressRanges parse(String list) {
        if (list == null || list.isBlank()) {
            return none();
        }
        List<Range> ranges = new ArrayList<>();
        for (String entry : list.split(",")) {
            String item = entry.strip();
            if (item.isEmpty()) {
                continue;
            }
            int slash = item.indexOf('/');
            String address = slash < 0 ? item : item.substring(0, slash);
            byte[] bytes = literal(address, item);
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(item.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Not an IP address or CIDR range: " + item);
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("Prefix length out of range in " + item);
                }
            }
            ranges.add(new Range(bytes, prefix));
        }
        return new AddressRanges(ranges, list.strip());
    }

    boolean contains(InetAddress address) {
        if (address == null || ranges.isEmpty()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    private static byte[] literal(String address, String item) {
        String bare = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        boolean ipv4 = bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = bare.contains(":") && bare.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("Not an IP address or CIDR range: " + item);
        }
        try {
            // a literal, so no lookup happens
            return InetAddress.getByName(bare).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address or CIDR range: " + item, e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
