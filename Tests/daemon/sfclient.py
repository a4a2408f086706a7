#!/usr/bin/env python3
"""A StreetFlow client built on Python's `varlink` package (pip install varlink), for the daemon tests.

It is an independent Varlink implementation: the Swift tests run it against a real streetflowd to
prove that any standard client works. Every command prints JSON on stdout, one object per line.

usage:
  sfclient.py info SOCKET                   GetInfo, then GetInterfaceDescription of every interface
                                            (each parsed by python-varlink: method names listed)
  sfclient.py call SOCKET METHOD [PARAMS]   one call (METHOD is interface.Method); PARAMS is JSON
                                            prints {"parameters": ...} or {"error": NAME, "parameters": ...}
  sfclient.py admission SOCKET COMMITTEE    a whole plaque admission: Submit, forward, approve, arrange,
                                            Get; prints {"steps": [...], "get": ...}
  sfclient.py raw SOCKET TEXT               sends TEXT + NUL as is, prints the reply (or null) and
                                            whether the server closed the connection
  sfclient.py watch SOCKET [FOLLOW]         Watch with more: one line per event (flushed), until the
                                            stream ends; then {"end": true} or {"error": ...}
"""
import json
import socket
import sys

import varlink


def emit(obj):
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def connection(address, interface):
    client = varlink.Client(address="unix:" + address)
    return client, client.open(interface, namespaced=False)


def call(address, method, params):
    interface, name = method.rsplit(".", 1)
    client, conn = connection(address, interface)
    try:
        try:
            return {"parameters": getattr(conn, name)(**params)}
        except varlink.VarlinkError as error:
            return {"error": error.error(), "parameters": error.parameters()}
    finally:
        conn.close()
        client.cleanup()


def info(address):
    client = varlink.Client(address="unix:" + address)
    conn = client.open("org.varlink.service", namespaced=False)
    try:
        result = conn.GetInfo()
        descriptions = {}
        for name in result["interfaces"]:
            text = conn.GetInterfaceDescription(name)["description"]
            parsed = varlink.Interface(text)
            methods = sorted(k for k, v in parsed.members.items() if isinstance(v, varlink.scanner._Method))
            descriptions[name] = {"description": text, "name": parsed.name, "methods": methods}
        emit({"info": result, "interfaces": descriptions})
    finally:
        conn.close()
        client.cleanup()


def admission(address, committee):
    steps = []

    def step(method, params):
        result = call(address, method, params)
        steps.append({"method": method, **result})
        if "error" in result:
            emit({"steps": steps})
            sys.exit(1)
        return result["parameters"]

    subject = {"committee": committee, "text": "卫生健康服务点", "placement": "inside", "reason": "便民服务"}
    instance = step("org.streetflow.Workflow.Submit", {"workflow": "plaque-admission", "subject": subject})["instance"]
    ident = instance["id"]
    step("org.streetflow.Workflow.Act", {"id": ident, "action": "forward", "expectedVersion": instance["version"]})
    step("org.streetflow.Workflow.Act", {"id": ident, "action": "approve"})
    step("org.streetflow.Workflow.Act", {"id": ident, "action": "arrange", "fields": {"location": "二楼服务区东墙", "place": "inside"}})
    get = step("org.streetflow.Workflow.Get", {"id": ident})
    emit({"steps": steps, "get": get})


def raw(address, text):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(10)
    sock.connect(address)
    sock.sendall(text.encode("utf-8") + b"\0")
    data = b""
    while b"\0" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    reply = json.loads(data.split(b"\0", 1)[0]) if b"\0" in data else None
    # After an invalid message the server closes; after a valid error reply the connection stays open.
    sock.settimeout(0.5)
    try:
        closed = sock.recv(1) == b""
    except socket.timeout:
        closed = False
    sock.close()
    emit({"reply": reply, "closed": closed})


def watch(address, follow):
    client, conn = connection(address, "org.streetflow.Workflow")
    params = {"follow": follow} if follow else {}
    try:
        for reply in conn.Watch(_more=True, **params):
            emit(reply)
        emit({"end": True})
    except varlink.VarlinkError as error:
        emit({"error": error.error(), "parameters": error.parameters()})
    except (ConnectionError, BrokenPipeError) as error:
        emit({"end": True, "closed": str(error)})
    finally:
        conn.close()
        client.cleanup()


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    command, address = argv[1], argv[2]
    if command == "info":
        info(address)
    elif command == "call":
        emit(call(address, argv[3], json.loads(argv[4]) if len(argv) > 4 else {}))
    elif command == "admission":
        admission(address, argv[3])
    elif command == "raw":
        raw(address, argv[3])
    elif command == "watch":
        watch(address, argv[3] if len(argv) > 3 else None)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
