"""Sequential search requests against the running server: for each route and query shape, a few warm-up requests,
then N measured ones over one keep-alive connection; prints p50 and p99 in milliseconds and the match count."""
import http.client
import json
import sys
import time
import urllib.parse

port, key, inbox, count = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
SHAPES = [
    ("one rare word", "zephyr"),
    ("one common word", "invoice"),
    ("two words", "invoice overdue"),
    ("a phrase", '"payment reminder"'),
    ("from:", "from:user42@"),
    ("has:attachment + word", "has:attachment invoice"),
    ("is:unread + word", "is:unread invoice"),
]
ROUTES = [("GET /v1/search", "/v1/search?q="), ("GET /v1/inboxes/{id}/messages", f"/v1/inboxes/{inbox}/messages?q=")]

connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
headers = {"Authorization": f"Bearer {key}"}


def get(path):
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise SystemExit(f"{path}: {response.status} {body[:300]!r}")
    return elapsed, json.loads(body)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


print(f"{'route':32} {'query shape':24} {'q':28} {'matches':>8} {'p50 ms':>8} {'p99 ms':>8}")
for route, prefix in ROUTES:
    for shape, query in SHAPES:
        path = prefix + urllib.parse.quote(query)
        for _ in range(5):
            get(path)
        times = []
        total = None
        for _ in range(count):
            elapsed, answer = get(path)
            times.append(elapsed)
            total = answer["total"]
        print(f"{route:32} {shape:24} {query:28} {total:>8} {percentile(times, 50):>8.1f} "
              f"{percentile(times, 99):>8.1f}", flush=True)
