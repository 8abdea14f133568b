#!/usr/bin/env python3
"""Reads the message counter of smtp-sink -c (the fake mail exchanger of the delivery benchmark).

    bench/delivery/sink.py count FILE                   prints the number of messages received so far
    bench/delivery/sink.py wait FILE SECONDS TARGET...  waits until the sink has received each TARGET messages in turn
                                                        (ascending); prints "COUNT NS..." (time.time_ns() when it saw
                                                        each), or, when SECONDS pass first, the count and "-" for each
                                                        target not reached, and exits 1

FILE is smtp-sink's standard output with -c: counters "sess=.. quit=.. mesg=N" separated by carriage returns, written
as they change ("mesg" counts transactions ended by "."). Only the file's last bytes are read, every 5 ms.
"""
import os
import sys
import time


def count(path):
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - 256))
            tail = f.read().decode("ascii", "replace")
    except FileNotFoundError:
        return 0
    for record in reversed(tail.split("\r")):
        marker = record.rfind("mesg=")
        if marker >= 0 and record[marker + 5:].strip().isdigit():
            return int(record[marker + 5:].strip())
    return 0


def main():
    if sys.argv[1] == "count":
        print(count(sys.argv[2]))
        return
    path, seconds, targets = sys.argv[2], float(sys.argv[3]), [int(t) for t in sys.argv[4:]]
    deadline = time.monotonic() + seconds
    seen_at = []
    while True:
        seen = count(path)
        now = time.time_ns()
        while len(seen_at) < len(targets) and seen >= targets[len(seen_at)]:
            seen_at.append(now)
        if len(seen_at) == len(targets):
            print(seen, *seen_at, flush=True)
            return
        if time.monotonic() > deadline:
            print(seen, *seen_at, *["-"] * (len(targets) - len(seen_at)), flush=True)
            sys.exit(1)
        time.sleep(0.005)

if __name__ == "__main__":
    main()
