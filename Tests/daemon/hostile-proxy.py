"""A Varlink proxy that plays an older daemon's records: it forwards every call to the real daemon and, in each
reply, replaces the marker texts with hostile ones (terminal escapes, bidi overrides, C1 controls) that today's
daemon refuses to store. The CLI must show them, never obey them.

usage: hostile-proxy.py REAL_SOCKET FAKE_SOCKET MARKER=REPLACEMENT...   (REPLACEMENT may use backslash-x and backslash-u escapes)
"""
import json
import re
import socket
import sys
import threading

real, fake = sys.argv[1], sys.argv[2]
pairs = []
for argument in sys.argv[3:]:
    marker, replacement = argument.split("=", 1)
    # As it would appear inside a JSON string.
    text = re.sub(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})", lambda m: chr(int(m.group(1)[1:], 16)), replacement)
    pairs.append((marker, json.dumps(text)[1:-1]))


def read_frame(sock, buffer):
    while b"\0" not in buffer:
        data = sock.recv(65536)
        if not data:
            return None, buffer
        buffer += data
    frame, rest = buffer.split(b"\0", 1)
    return frame, rest


def serve(client):
    upstream = socket.socket(socket.AF_UNIX)
    upstream.connect(real)
    inbound, outbound = b"", b""
    while True:
        request, inbound = read_frame(client, inbound)
        if request is None:
            break
        upstream.sendall(request + b"\0")
        while True:
            reply, outbound = read_frame(upstream, outbound)
            if reply is None:
                client.close()
                return
            text = reply.decode()
            for marker, replacement in pairs:
                text = text.replace(marker, replacement)
            client.sendall(text.encode() + b"\0")
            if not json.loads(reply).get("continues"):
                break
    client.close()
    upstream.close()


server = socket.socket(socket.AF_UNIX)
server.bind(fake)
server.listen(8)
print("ready", flush=True)
while True:
    connection, _ = server.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
