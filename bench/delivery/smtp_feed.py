#!/usr/bin/env python3
"""SMTP load generator of the delivery benchmark: the stream of send.py, over SMTP instead of the HTTP API.

    bench/delivery/smtp_feed.py HOST:PORT MESSAGES DOMAINS CONCURRENCY BODY_BYTES SENDER HELO

Message i (0 <= i < MESSAGES) goes to user<i>@d<i mod DOMAINS>.bench.test, with a few header lines and a plain-text
body of BODY_BYTES bytes (the same text as send.py's). CONCURRENCY threads each keep one SMTP session open (EHLO once,
then MAIL, RCPT, DATA per message, without pipelining) and take the next i until none is left, so every session sends
to every domain, as the API's clients do. Every reply is read with a 120 s timeout, in bounded lines.

Prints one line: "accepted REFUSED first_ns last_ns", then, if any, the first refusal on standard error. Exits 1 when
any message was refused.
"""
import socket
import sys
import time

from feed import body_of, drive


class Session:
    def __init__(self, host, port, helo):
        self.sock = socket.create_connection((host, port), timeout=120)
        self.file = self.sock.makefile("rb")
        self.expect(220)
        self.command(f"EHLO {helo}", 250)

    def reply(self):
        lines = []
        while True:
            line = self.file.readline(1024)
            if not line:
                raise OSError("connection closed")
            lines.append(line.decode("ascii", "replace").rstrip())
            if len(line) < 4 or line[3:4] != b"-":
                return int(lines[-1][:3]), " / ".join(lines)

    def expect(self, code):
        got, text = self.reply()
        if got != code:
            raise OSError(f"expected {code}: {text}")

    def command(self, line, code):
        self.sock.sendall(line.encode("ascii") + b"\r\n")
        self.expect(code)

    def send(self, sender, recipient, data):
        self.command(f"MAIL FROM:<{sender}>", 250)
        self.command(f"RCPT TO:<{recipient}>", 250)
        self.command("DATA", 354)
        self.sock.sendall(data)
        self.expect(250)

    def close(self):
        try:
            self.sock.sendall(b"QUIT\r\n")
            self.reply()
        except OSError:
            pass
        self.sock.close()


def main():
    target, messages, domains, concurrency, body_bytes, sender, helo = sys.argv[1:8]
    host, port = target.rsplit(":", 1)
    messages, domains, concurrency = int(messages), int(domains), int(concurrency)
    body = body_of(int(body_bytes)).replace("\n", "\r\n").encode("ascii")

    def send(session, i):
        recipient = f"user{i}@d{i % domains}.bench.test"
        data = (f"From: <{sender}>\r\nTo: <{recipient}>\r\nSubject: Benchmark message {i}\r\n"
                f"Message-ID: <bench-{i}-{time.time_ns()}@{helo}>\r\n\r\n").encode("ascii") + body + b"\r\n.\r\n"
        session.send(sender, recipient, data)
        return None

    drive(messages, concurrency, lambda: Session(host, int(port), helo), send,
          discard=lambda session: session.sock.close(), close=lambda session: session.close(), errors=(OSError,))


if __name__ == "__main__":
    main()
