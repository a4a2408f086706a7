#!/usr/bin/env python3
"""A group-robot endpoint on loopback for tests: records every POST (path, query, delivery id, JSON body) as
one JSON line in the file given, answers {"errcode": 0}. Prints its port on stdout. With ROBOT_DELAY=SECONDS it
answers that much later (after recording), so a test can kill the sender while a delivery is in flight."""
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

log = sys.argv[1]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        parts = urlsplit(self.path)
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps({
                "path": parts.path, "query": parse_qs(parts.query),
                "delivery": self.headers.get("X-StreetFlow-Delivery"),
                "body": json.loads(body.decode("utf-8")),
            }, ensure_ascii=False) + "\n")
        time.sleep(float(os.environ.get("ROBOT_DELAY", "0")))
        answer = b'{"errcode": 0, "errmsg": "ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2]) if len(sys.argv) > 2 else 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
