#!/usr/bin/env python3
"""A DNS server for the SMTP benchmark: answers TXT questions over UDP from records given on the command line.

    bench/smtp/dns.py PORT NAME=TEXT [NAME=TEXT ...]

PORT 0 takes a free port; the port listened on is printed as the first line.
Every other question about a given name is answered with no records (NOERROR), any other name with NXDOMAIN, all at
once, so that the server's SPF, DKIM and DMARC checks cost their lookups and evaluation but never wait on the network.
Answers never need TCP (one short TXT string each). Stops on SIGTERM.
"""
import signal
import socket
import struct
import sys

TXT, IN = 16, 1


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


def answer(packet, records):
    if len(packet) < 12:
        return None
    ident, flags, qdcount = struct.unpack("!HHH", packet[:6])
    if qdcount != 1 or flags & 0x8000:
        return None
    try:
        name, offset = parse_name(packet, 12)
    except (IndexError, ValueError):
        return None
    qtype, qclass = struct.unpack("!HH", packet[offset:offset + 4])
    question = packet[12:offset + 4]
    texts = records.get(name)
    rcode = 3 if texts is None else 0
    answers = b""
    count = 0
    if texts is not None and qtype == TXT and qclass == IN:
        for text in texts:
            data = text.encode("ascii")
            rdata = bytes([len(data)]) + data
            answers += b"\xc0\x0c" + struct.pack("!HHIH", TXT, IN, 60, len(rdata)) + rdata
            count += 1
    # response, authoritative, recursion desired copied, recursion available
    header = struct.pack("!HHHHHH", ident, 0x8400 | (flags & 0x0100) | 0x0080 | rcode, 1, count, 0, 0)
    return header + question + answers


def main():
    port = int(sys.argv[1])
    records = {}
    for pair in sys.argv[2:]:
        name, text = pair.split("=", 1)
        records.setdefault(name.lower().rstrip("."), []).append(text)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", port))
    print(udp.getsockname()[1], flush=True)
    while True:
        packet, client = udp.recvfrom(4096)
        reply = answer(packet, records)
        if reply is not None:
            udp.sendto(reply, client)


if __name__ == "__main__":
    main()
