#!/usr/bin/env python3
"""A DNS server for the delivery benchmark: every d<N>.bench.test has a mail exchanger on 127.0.0.1.

    bench/delivery/dns.py PORT [ADDRESS]

PORT 0 takes a free port; the port listened on is printed as the first line. Over UDP it answers
  - MX of d<N>.bench.test (N: 1 to 6 digits): preference 10, mx.d<N>.bench.test;
  - A of mx.d<N>.bench.test: ADDRESS (default 127.0.0.1);
  - any other question about those two names: no records (NOERROR);
  - any other name (the sender's domain, _mta-sts.*, TLSA names, ...): NXDOMAIN,
all at once, so that a lookup costs its round trip and never waits on the network. Answers are short enough for UDP.
On SIGTERM it prints to standard error how many questions of each type it answered, then stops.
"""
import signal
import socket
import struct
import sys

A, MX, IN = 1, 15, 1
SUFFIX = ".bench.test"


def parse_name(packet, offset):
    labels = []
    while True:
        length = packet[offset]
        offset += 1
        if length == 0:
            return ".".join(labels).lower(), offset
        if length & 0xC0:
            raise ValueError("compressed names are not expected in a question")
        labels.append(packet[offset:offset + length].decode("ascii", "replace"))
        offset += length


def encode_name(name):
    out = b""
    for label in name.split("."):
        data = label.encode("ascii")
        out += bytes([len(data)]) + data
    return out + b"\x00"


def domain_label(label):
    """True for d<N> with 1 to 6 digits."""
    return 2 <= len(label) <= 7 and label[0] == "d" and label[1:].isdigit()


def classify(name):
    """'domain', 'host' or None (unknown name)."""
    if not name.endswith(SUFFIX):
        return None
    labels = name[:-len(SUFFIX)].split(".")
    if len(labels) == 1 and domain_label(labels[0]):
        return "domain"
    if len(labels) == 2 and labels[0] == "mx" and domain_label(labels[1]):
        return "host"
    return None


def answer(packet, address, counts):
    if len(packet) < 12:
        return None
    ident, flags, qdcount = struct.unpack("!HHH", packet[:6])
    if qdcount != 1 or flags & 0x8000:
        return None
    try:
        name, offset = parse_name(packet, 12)
        qtype, qclass = struct.unpack("!HH", packet[offset:offset + 4])
    except (IndexError, ValueError, struct.error):
        return None
    question = packet[12:offset + 4]
    kind = classify(name)
    counts[(kind, qtype)] = counts.get((kind, qtype), 0) + 1
    rcode = 3 if kind is None else 0
    answers = b""
    count = 0
    if qclass == IN and kind == "domain" and qtype == MX:
        rdata = struct.pack("!H", 10) + encode_name("mx." + name)
        answers = b"\xc0\x0c" + struct.pack("!HHIH", MX, IN, 300, len(rdata)) + rdata
        count = 1
    elif qclass == IN and kind == "host" and qtype == A:
        rdata = socket.inet_aton(address)
        answers = b"\xc0\x0c" + struct.pack("!HHIH", A, IN, 300, len(rdata)) + rdata
        count = 1
    # response, authoritative, recursion desired copied, recursion available
    header = struct.pack("!HHHHHH", ident, 0x8400 | (flags & 0x0100) | 0x0080 | rcode, 1, count, 0, 0)
    return header + question + answers


def main():
    port = int(sys.argv[1])
    address = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"
    counts = {}

    def stop(*_):
        names = {A: "A", MX: "MX", 28: "AAAA", 16: "TXT", 52: "TLSA"}
        summary = ", ".join(f"{kind or 'unknown name'} {names.get(qtype, qtype)}: {n}"
                            for (kind, qtype), n in sorted(counts.items(), key=lambda e: (str(e[0][0]), e[0][1])))
        print(f"dns.py answered {sum(counts.values())} questions ({summary or 'none'})", file=sys.stderr, flush=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", port))
    print(udp.getsockname()[1], flush=True)
    while True:
        packet, client = udp.recvfrom(4096)
        reply = answer(packet, address, counts)
        if reply is not None:
            udp.sendto(reply, client)


if __name__ == "__main__":
    main()
