#!/usr/bin/env python3
"""What one durable SQLite commit costs on this machine's disk by the number of pages it writes (WAL,
synchronous=FULL, as StreetFlow and the reference commit): each transaction updates one random row in each of N
tables of 2,000 rows, so it dirties N distinct pages. usage: commit-pages.py [DIR=/tmp] [COMMITS=1500]"""
import os, random, sqlite3, sys, tempfile, time

directory = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
commits = int(sys.argv[2]) if len(sys.argv) > 2 else 1500
print("| pages per commit | p50 µs | p99 µs |\n|---:|---:|---:|")
for tables in (2, 4, 9, 12, 14):
    with tempfile.TemporaryDirectory(dir=directory) as d:
        db = sqlite3.connect(os.path.join(d, "pages.db"), isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=FULL")
        db.execute("BEGIN")
        for t in range(tables):
            db.execute(f"CREATE TABLE t{t}(id INTEGER PRIMARY KEY, v TEXT)")
            db.executemany(f"INSERT INTO t{t} VALUES (?, ?)", ((i, "x" * 200) for i in range(2000)))
        db.execute("COMMIT")
        latencies = []
        for _ in range(commits):
            started = time.perf_counter()
            db.execute("BEGIN IMMEDIATE")
            for t in range(tables):
                db.execute(f"UPDATE t{t} SET v = ? WHERE id = ?", ("y" * 200, random.randrange(2000)))
            db.execute("COMMIT")
            latencies.append(time.perf_counter() - started)
        latencies.sort()
        print(f"| {tables} | {latencies[len(latencies) // 2] * 1e6:,.0f} | {latencies[int(len(latencies) * .99)] * 1e6:,.0f} |")
        db.close()
