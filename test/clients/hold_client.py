#!/usr/bin/env python3
"""Holds N TCP connections open to the echo app and acts on commands, one per
stdin line, so a test can do something to the cluster (inject segments,
restart a part) while the connections live and then check them:
  echo BYTES [S]   send BYTES distinct bytes on every connection, verify the echo (S seconds in all)
  fill SECONDS     write as much as the peer takes on every connection for SECONDS, read nothing
  closed SECONDS   wait up to SECONDS for every connection to end (FIN or RST)
  quit
After connecting it prints {"ports": [...]}; after each command one JSON line.
"""
import argparse, hashlib, json, selectors, socket, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--host", default="10.77.0.2")
ap.add_argument("--port", type=int, default=7)
ap.add_argument("--conns", type=int, default=4)
ap.add_argument("--timeout", type=float, default=20)
args = ap.parse_args()

socks = [socket.create_connection((args.host, args.port), timeout=10) for _ in range(args.conns)]
print(json.dumps({"ports": [s.getsockname()[1] for s in socks]}), flush=True)
round_no = 0

def echo(n, seconds):
    global round_no
    deadline = time.time() + seconds
    round_no += 1
    failures, verified = [], 0
    for i, s in enumerate(socks):
        data = bytearray()
        block = 0
        while len(data) < n:
            data += hashlib.sha256(b"%d:%d:%d" % (round_no, i, block)).digest(); block += 1
        data = bytes(data[:n])
        try:
            s.settimeout(max(0.05, deadline - time.time()))
            s.sendall(data)
            got = bytearray()
            while len(got) < n:
                s.settimeout(max(0.05, deadline - time.time()))
                chunk = s.recv(65536)
                if not chunk:
                    break
                got += chunk
            if bytes(got) == data:
                verified += n
            else:
                failures.append({"conn": i, "got": len(got), "error": "short or corrupt"})
        except OSError as e:
            failures.append({"conn": i, "error": repr(e)})
    return {"verified": verified, "expected": n * len(socks), "failures": failures}

def fill(seconds):
    deadline = time.time() + seconds
    sent = [0] * len(socks)
    chunk = b"\x5a" * 65536
    for s in socks:
        s.setblocking(False)
    while time.time() < deadline:
        progress = False
        for i, s in enumerate(socks):
            try:
                n = s.send(chunk)
                sent[i] += n
                progress = progress or n > 0
            except (BlockingIOError, InterruptedError):
                pass
        if not progress:
            time.sleep(0.02)
    for s in socks:
        s.setblocking(True)
    return {"sent": sum(sent), "perConn": sent}

def closed(seconds):
    deadline = time.time() + seconds
    fin = reset = 0
    t0 = time.time()
    for s in socks:
        try:
            s.settimeout(max(0.05, deadline - time.time()))
            while True:
                d = s.recv(65536)
                if not d:
                    fin += 1
                    break
        except ConnectionResetError:
            reset += 1
        except OSError:
            pass
    return {"fin": fin, "reset": reset, "open": len(socks) - fin - reset, "seconds": time.time() - t0}

for line in sys.stdin:
    cmd = line.split()
    if not cmd or cmd[0] == "quit":
        break
    if cmd[0] == "echo":
        out = echo(int(cmd[1]), float(cmd[2]) if len(cmd) > 2 else args.timeout)
    elif cmd[0] == "fill":
        out = fill(float(cmd[1]))
    else:
        out = closed(float(cmd[1]))
    print(json.dumps(out), flush=True)
