#!/usr/bin/env python3
"""Pages each commit of a StreetFlow store wrote, by B-tree, read from its WAL (frame headers name the page, the
database's dbstat names the B-tree). A measure of the write path that no neighbour on the machine can disturb.
usage: wal-pages.py STORE.sqlite [LAST=6]   (copy the store and its -wal while the daemon runs, before a checkpoint)"""
import os, shutil, sqlite3, struct, sys, tempfile

store = sys.argv[1]; last = int(sys.argv[2]) if len(sys.argv) > 2 else 6
wal = open(store + "-wal", "rb").read()
page_size = struct.unpack(">I", wal[8:12])[0]
commits, current, offset = [], [], 32
with tempfile.TemporaryDirectory() as d:
    copy = os.path.join(d, "copy.sqlite")
    shutil.copy(store, copy); shutil.copy(store + "-wal", copy + "-wal")
    names = dict(sqlite3.connect(copy).execute("SELECT pageno, name FROM dbstat"))
while offset + 24 + page_size <= len(wal):
    page, size_after_commit = struct.unpack(">II", wal[offset:offset + 8])
    current.append(names.get(page, f"page {page}"))
    if size_after_commit:
        commits.append(current); current = []
    offset += 24 + page_size
print(f"{len(commits)} commits in the WAL; the last {last}:")
for pages in commits[-last:]:
    print(f"{len(pages):3d} pages: {', '.join(sorted(pages))}")
