"""What the delivery benchmark's two load generators share (send.py over HTTP, smtp_feed.py over SMTP): the message
body, and the driver that hands message numbers 0..MESSAGES-1 to CONCURRENCY threads, each keeping one connection.
"""
import sys
import threading
import time


def body_of(size):
    line = "The quick brown fox jumps over the lazy dog, a benchmark text for direct delivery.\n"
    return (line * (size // len(line) + 1))[:size]


def drive(messages, concurrency, connect, send, discard, close, errors):
    """Sends every message once, CONCURRENCY at a time, and prints "accepted REFUSED first_ns last_ns".

    connect() opens a connection; send(connection, i) sends message i and returns None, or what was refused; an
    exception of a type in `errors` counts the message as refused and the connection is given up with discard(it) (a
    new one is opened for the next message); close(connection) ends a connection once no message is left. A refused
    message is not sent again; the first refusal is printed on standard error and the exit status is 1.
    """
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
        connection = None
        while True:
            i = take()
            if i is None:
                break
            try:
                if connection is None:
                    connection = connect()
                problem = send(connection, i)
            except errors as e:
                if connection is not None:
                    discard(connection)
                connection = None
                problem = f"{type(e).__name__}: {e}"
            with lock:
                if problem is None:
                    state["accepted"] += 1
                else:
                    state["refused"] += 1
                    if state["first"] is None:
                        state["first"] = f"message {i}: {problem}"
        if connection is not None:
            close(connection)

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
