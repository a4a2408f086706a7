#!/usr/bin/env python3
"""An SMTP server on loopback for tests (Python's smtpd): appends every message it accepts to the file given,
as JSON lines {from, to, data}. Prints its port on stdout."""
import asyncore
import json
import smtpd
import socket
import sys
import warnings

warnings.filterwarnings("ignore")
log = sys.argv[1]
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()


class Recorder(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        with open(log, "a", encoding="utf-8") as f:
            text = data.decode("utf-8") if isinstance(data, bytes) else data
            f.write(json.dumps({"from": mailfrom, "to": rcpttos, "data": text}, ensure_ascii=False) + "\n")


Recorder(("127.0.0.1", port), None, decode_data=False)
print(port, flush=True)
asyncore.loop()
