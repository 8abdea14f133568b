package dev.openmail.domain.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses are on the public internet, for connections to targets that tenants choose (webhooks, mail
 * exchangers of recipient domains). Everything else (loopback, unspecified,
 * link-local, private, shared, unique-local, multicast, broadcast, reserved, documentation and benchmarking ranges)
 * is refused, also when an IPv6 address carries such an IPv4 address inside it (IPv4-mapped, NAT64, 6to4).
 * The rule looks at the address's bytes only, so every way of writing an address (decimal, short forms) that the
 * resolver turns into the same address gets the same answer.
 */
public final class PublicAddresses {

    /** The kind of an address, and the IPv4 address it embeds when the kind was decided by that one. */
    public record Classification(InetAddress address, AddressKind kind, InetAddress embedded) {

        public boolean isPublic() {
            return kind.isPublic();
        }

        /** "10.0.0.5 is a private address", "64:ff9b:0:0:0:0:a00:5 is a private address (it embeds 10.0.0.5)". */
        public String describe() {
            String text = address.getHostAddress() + " is " + kind.phrase();
            return embedded == null ? text : text + " (it embeds " + embedded.getHostAddress() + ")";
        }

        /** "127.0.0.1, a loopback address", to follow "resolves to". */
        public String appositive() {
            String text = address.getHostAddress() + ", " + kind.phrase();
            return embedded == null ? text : text + " (it embeds " + embedded.getHostAddress() + ")";
        }
    }

    private PublicAddresses() {
    }

    public static Classification classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return new Classification(address, classifyV4(bytes), null);
        }
        return classifyV6(address, bytes);
    }

    public static boolean isPublic(InetAddress address) {
        return classify(address).isPublic();
    }

    private static AddressKind classifyV4(byte[] bytes) {
        int a = bytes[0] & 0xFF;
        int b = bytes[1] & 0xFF;
        int c = bytes[2] & 0xFF;
        int d = bytes[3] & 0xFF;
        if (a == 0) {
            return AddressKind.UNSPECIFIED;                 // 0.0.0.0/8 "this network"
        }
        if (a == 10) {
            return AddressKind.PRIVATE;                     // 10/8
        }
        if (a == 100 && (b & 0xC0) == 64) {
            return AddressKind.SHARED;                      // 100.64/10
        }
        if (a == 127) {
            return AddressKind.LOOPBACK;                    // 127/8
        }
        if (a == 169 && b == 254) {
            return AddressKind.LINK_LOCAL;                  // 169.254/16, cloud metadata among them
        }
        if (a == 172 && (b & 0xF0) == 16) {
            return AddressKind.PRIVATE;                     // 172.16/12
        }
        if (a == 192 && b == 0 && c == 0) {
            return AddressKind.RESERVED;                    // 192.0.0/24 IETF protocol assignments
        }
        if (a == 192 && b == 0 && c == 2) {
            return AddressKind.DOCUMENTATION;               // 192.0.2/24 TEST-NET-1
        }
        if (a == 192 && b == 88 && c == 99) {
            return AddressKind.RESERVED;                    // 192.88.99/24 former 6to4 relay anycast
        }
        if (a == 192 && b == 168) {
            return AddressKind.PRIVATE;                     // 192.168/16
        }
        if (a == 198 && (b & 0xFE) == 18) {
            return AddressKind.BENCHMARKING;                // 198.18/15
        }
        if (a == 198 && b == 51 && c == 100) {
            return AddressKind.DOCUMENTATION;               // 198.51.100/24 TEST-NET-2
        }
        if (a == 203 && b == 0 && c == 113) {
            return AddressKind.DOCUMENTATION;               // 203.0.113/24 TEST-NET-3
        }
        if (a >= 224 && a < 240) {
            return AddressKind.MULTICAST;                   // 224/4
        }
        if (a == 255 && b == 255 && c == 255 && d == 255) {
            return AddressKind.BROADCAST;
        }
        if (a >= 240) {
            return AddressKind.RESERVED;                    // 240/4
        }
        return AddressKind.PUBLIC;
    }

    private static Classification classifyV6(InetAddress address, byte[] b) {
        if (zero(b, 0, 10)) {
            if ((b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
                return embedding(address, b, 12);           // ::ffff:a.b.c.d IPv4-mapped
            }
            if (zero(b, 10, 15)) {
                if (b[15] == 0) {
                    return new Classification(address, AddressKind.UNSPECIFIED, null);   // ::
                }
                if (b[15] == 1) {
                    return new Classification(address, AddressKind.LOOPBACK, null);      // ::1
                }
            }
            return new Classification(address, AddressKind.RESERVED, null);   // ::/8 rest, IPv4-compatible among them
        }
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            if (zero(b, 4, 12)) {
                return embedding(address, b, 12);           // 64:ff9b::/96 NAT64
            }
            if (word(b, 4) == 0x0001) {
                return new Classification(address, AddressKind.PRIVATE, null);  // 64:ff9b:1::/48 local-use NAT64
            }
            return new Classification(address, AddressKind.RESERVED, null);
        }
        if (w0 == 0x0100 && zero(b, 2, 8)) {
            return new Classification(address, AddressKind.RESERVED, null);     // 100::/64 discard-only
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return new Classification(address, AddressKind.DOCUMENTATION, null);  // 2001:db8::/32
        }
        if (w0 == 0x2001 && w1 == 0x0002 && word(b, 4) == 0) {
            return new Classification(address, AddressKind.BENCHMARKING, null);   // 2001:2::/48
        }
        if (w0 == 0x2001 && w1 < 0x0200) {
            return new Classification(address, AddressKind.RESERVED, null);  // 2001::/23 (Teredo, ORCHID, ...)
        }
        if (w0 == 0x2002) {
            return embedding(address, b, 2);                // 2002::/16 6to4
        }
        if (w0 == 0x3FFF && (w1 & 0xF000) == 0) {
            return new Classification(address, AddressKind.DOCUMENTATION, null);  // 3fff::/20
        }
        int first = b[0] & 0xFF;
        if ((first & 0xFE) == 0xFC) {
            return new Classification(address, AddressKind.UNIQUE_LOCAL, null);   // fc00::/7
        }
        if (first == 0xFE && (b[1] & 0xC0) == 0x80) {
            return new Classification(address, AddressKind.LINK_LOCAL, null);     // fe80::/10
        }
        if (first == 0xFE && (b[1] & 0xC0) == 0xC0) {
            return new Classification(address, AddressKind.PRIVATE, null);        // fec0::/10 former site-local
        }
        if (first == 0xFF) {
            return new Classification(address, AddressKind.MULTICAST, null);      // ff00::/8
        }
        if ((first & 0xE0) == 0x20) {
            return new Classification(address, AddressKind.PUBLIC, null);         // 2000::/3 global unicast
        }
        return new Classification(address, AddressKind.RESERVED, null);
    }

    /** The kind of the IPv4 address at {@code offset}: an IPv6 address carrying a public one is public itself. */
    private static Classification embedding(InetAddress address, byte[] b, int offset) {
        byte[] v4 = new byte[] {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]};
        Inet4Address embedded;
        try {
            embedded = (Inet4Address) InetAddress.getByAddress(v4);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
        return new Classification(address, classifyV4(v4), embedded);
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int word(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
    }
}
