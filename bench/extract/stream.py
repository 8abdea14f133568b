#!/usr/bin/env python3
"""A stream of mail with attachments over SMTP, for bench/extract/load.sh.

    bench/extract/stream.py HOST PORT RECIPIENT SECONDS RATE SESSIONS PAGES

Sends for SECONDS seconds from SESSIONS sessions (one connection each, kept open), each message carrying a text PDF of
PAGES pages and a CSV file. RATE is messages per second over all sessions, spread evenly; 0 sends as fast as the
sessions can. Prints one line of JSON: messages answered 250, refused, the seconds it ran, and the p50/p99 of one
message's SMTP transaction (MAIL FROM to the answer after the data) in milliseconds.
"""
import json
import smtplib
import sys
import threading
import time
from email.message import EmailMessage


def pdf(pages):
    """A PDF of `pages` pages, each with a few lines of Helvetica text: the text layer an invoice would have."""
    objects = []
    page_ids = [4 + 2 * i for i in range(pages)]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % p for p in page_ids)
                   + b"] /Count %d >>" % pages)
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i in range(pages):
        lines = [b"Invoice 2847 page %d of %d" % (i + 1, pages)] + [
            b"Line %d: widget %d at 12.50 USD, quantity %d, total %d.00 USD" % (n, n, n % 7 + 1, (n % 7 + 1) * 12)
            for n in range(30)]
        text = b"BT /F1 10 Tf 50 780 Td 14 TL " + b" ".join(b"(" + line + b") '" for line in lines) + b" ET"
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                       b" /Contents %d 0 R >>" % (page_ids[i] + 1))
        objects.append(b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def main():
    host, port, recipient = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    seconds, rate, sessions, pages = float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
    document = pdf(pages)
    csv = "item,amount\n" + "".join("widget %d,%d.50\n" % (n, n) for n in range(200))

    def message(number):
        mail = EmailMessage()
        mail["From"] = "stream@sender.test"
        mail["To"] = recipient
        mail["Subject"] = "Invoice %d" % number
        mail.set_content("Invoice attached.\n")
        mail.add_attachment(document, maintype="application", subtype="pdf", filename="invoice-%d.pdf" % number)
        mail.add_attachment(csv, subtype="csv", filename="lines-%d.csv" % number)
        return mail.as_bytes()

    lock = threading.Lock()
    accepted, refused, times = [0], [0], []
    start = time.monotonic()
    end = start + seconds
    interval = sessions / rate if rate > 0 else 0.0  # each session sends every `interval` seconds

    def session(index):
        client = smtplib.SMTP(host, port, timeout=120)
        client.ehlo("stream.sender.test")
        due = start + index * (interval / sessions if interval else 0)
        number = index
        while True:
            now = time.monotonic()
            if interval:
                if due >= end:
                    break
                if due > now:
                    time.sleep(due - now)
                due += interval
            elif now >= end:
                break
            body = message(number)
            number += sessions
            began = time.monotonic()
            try:
                client.sendmail("stream@sender.test", [recipient], body)
                ok = True
            except smtplib.SMTPException:
                ok = False
                client = smtplib.SMTP(host, port, timeout=120)
                client.ehlo("stream.sender.test")
            took = time.monotonic() - began
            with lock:
                if ok:
                    accepted[0] += 1
                    times.append(took)
                else:
                    refused[0] += 1
        try:
            client.quit()
        except smtplib.SMTPException:
            pass

    threads = [threading.Thread(target=session, args=(i,)) for i in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    times.sort()

    def percentile(p):
        return round(1000 * times[min(len(times) - 1, int(p * len(times)))], 1) if times else None

    print(json.dumps({"accepted": accepted[0], "refused": refused[0], "seconds": round(elapsed, 2),
                      "pdf_bytes": len(document), "p50_ms": percentile(0.50), "p99_ms": percentile(0.99)}))


if __name__ == "__main__":
    main()
