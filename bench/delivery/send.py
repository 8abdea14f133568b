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
import threading
import time
import urllib.parse


def body_of(size):
    line = "The quick brown fox jumps over the lazy dog, a benchmark text for direct delivery.\n"
    return (line * (size // len(line) + 1))[:size]


def main():
    base, key, inbox, messages, domains, concurrency, body_bytes, run = sys.argv[1:9]
    messages, domains, concurrency, body_bytes = int(messages), int(domains), int(concurrency), int(body_bytes)
    url = urllib.parse.urlsplit(base)
    body = body_of(body_bytes)
    path = f"/v1/inboxes/{inbox}/send"
    lock = threading.Lock()
    state = {"next": 0, "accepted": 0, "refused": 0, "first": None}

    def take():
        with lock:
            i = state["next"]
            if i >= messages:
                return None
            state["next"] = i + 1
            return i

    def worker():
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        while True:
            i = take()
            if i is None:
                break
            payload = json.dumps({"to": f"user{i}@d{i % domains}.bench.test", "subject": f"Benchmark message {i}",
                                  "body": body}).encode()
            headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json",
                       "Idempotency-Key": f"{run}-{i}"}
            try:
                connection.request("POST", path, payload, headers)
                response = connection.getresponse()
                answer = response.read()
                ok = 200 <= response.status < 300
                problem = None if ok else f"{response.status} {answer[:300].decode('utf-8', 'replace')}"
            except (OSError, http.client.HTTPException) as e:
                connection.close()
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
                ok, problem = False, f"{type(e).__name__}: {e}"
            with lock:
                if ok:
                    state["accepted"] += 1
                else:
                    state["refused"] += 1
                    if state["first"] is None:
                        state["first"] = f"message {i}: {problem}"
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    first_ns = time.time_ns()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    last_ns = time.time_ns()
    print(state["accepted"], state["refused"], first_ns, last_ns, flush=True)
    if state["first"] is not None:
        print(f"first refusal: {state['first']}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
