#!/usr/bin/env python3
"""Load generator of the delivery benchmark: sends messages through the HTTP API, several at a time.

    bench/delivery/send.py BASE_URL API_KEY INBOX_ID MESSAGES DOMAINS CONCURRENCY BODY_BYTES RUN_NAME

Message i (0 <= i < MESSAGES) goes to user<i>@d<i mod DOMAINS>.bench.test with a plain-text body of BODY_BYTES
bytes (a line of text over and over), as POST {BASE_URL}/v1/inboxes/{INBOX_ID}/send with Idempotency-Key RUN_NAME-<i>.
CONCURRENCY threads each keep one HTTP/1.1 connection open and take the next i until none is left. A request that is
not answered 2xx is not repeated: it counts as refused, and the first refusal is printed.

Prints one line: "accepted REFUSED first_ns last_ns" (time.time_ns() of the first request sent and of the last answer
received), then, if any, the first refusal on standard error. Exits 1 when any send was refused.
"""
import http.client
import json
import sys
import urllib.parse

from feed import body_of, drive


def main():
    base, key, inbox, messages, domains, concurrency, body_bytes, run = sys.argv[1:9]
    messages, domains, concurrency, body_bytes = int(messages), int(domains), int(concurrency), int(body_bytes)
    url = urllib.parse.urlsplit(base)
    body = body_of(body_bytes)
    path = f"/v1/inboxes/{inbox}/send"

    def connect():
        return http.client.HTTPConnection(url.hostname, url.port, timeout=120)

    def send(connection, i):
        payload = json.dumps({"to": f"user{i}@d{i % domains}.bench.test", "subject": f"Benchmark message {i}",
                              "body": body}).encode()
        headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json",
                   "Idempotency-Key": f"{run}-{i}"}
        connection.request("POST", path, payload, headers)
        response = connection.getresponse()
        answer = response.read()
        if 200 <= response.status < 300:
            return None
        return f"{response.status} {answer[:300].decode('utf-8', 'replace')}"

    drive(messages, concurrency, connect, send, discard=lambda c: c.close(), close=lambda c: c.close(),
          errors=(OSError, http.client.HTTPException))


if __name__ == "__main__":
    main()
