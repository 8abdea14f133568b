#!/usr/bin/env python3
"""Turns the statements one API request sent to the database into a mysqlslap query file.

Reads the captured statements (one per line, from mysql.general_log) on stdin. Values the request created (given as
name=literal arguments, e.g. the new inbox's id) are replaced by session variables that a leading SET statement
fills with fresh values, so the file can be replayed many times without unique-key collisions. The request's
statements are repeated `repeat` times, one statement per line; the line delimiter is ';'.

usage: capture.py OUT REPEAT [var=literal:sqlexpr ...]
"""
import sys

out, repeat, *subs = sys.argv[1:]
statements = [line.strip() for line in sys.stdin if line.strip()]
statements = [s.rstrip(';') for s in statements]
sets = []
for sub in subs:
    var, rest = sub.split('=', 1)
    literal, expr = rest.split(':', 1)
    quoted = "'" + literal + "'"
    if not any(quoted in s for s in statements):
        sys.exit(f"capture.py: {literal} does not occur in the captured statements")
    statements = [s.replace(quoted, '@' + var) for s in statements]
    sets.append(f"@{var} = {expr}")
if any(';' in s for s in statements):
    sys.exit("capture.py: a statement contains ';', which is mysqlslap's delimiter here")
block = ([f"SET {', '.join(sets)}"] if sets else []) + statements
with open(out, 'w') as f:
    for _ in range(int(repeat)):
        for s in block:
            f.write(s + ";\n")
print(len(block))
