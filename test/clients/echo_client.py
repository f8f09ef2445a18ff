#!/usr/bin/env python3
"""A Linux client for the echo app, run inside the test's network namespace.

Opens N TCP connections in parallel, sends each a distinct pseudo-random
stream of BYTES bytes, reads the echo back and verifies every byte. Prints one
JSON object: total bytes verified, per-connection local ports, failures, and
elapsed seconds. With --hold S the connections stay open S seconds after the
transfer (so a test can look at them on the cores) before closing.
"""
import argparse, hashlib, json, selectors, socket, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--host", default="10.77.0.2")
ap.add_argument("--port", type=int, default=7)
ap.add_argument("--conns", type=int, default=32)
ap.add_argument("--bytes", type=int, default=10 * 1024 * 1024, help="total over all connections")
ap.add_argument("--timeout", type=float, default=120)
ap.add_argument("--hold", type=float, default=0)
ap.add_argument("--ready", action="store_true", help="print a ready line once every connection is open")
args = ap.parse_args()

def stream(i, n):
    out = bytearray()
    block = 0
    while len(out) < n:
        out += hashlib.sha256(b"%d:%d" % (i, block)).digest()
        block += 1
    return bytes(out[:n])

per = args.bytes // args.conns
sel = selectors.DefaultSelector()
conns = []
for i in range(args.conns):
    s = socket.create_connection((args.host, args.port), timeout=10)
    s.setblocking(False)
    c = {"i": i, "sock": s, "data": stream(i, per), "sent": 0, "recv": bytearray(), "port": s.getsockname()[1]}
    conns.append(c)
    sel.register(s, selectors.EVENT_READ | selectors.EVENT_WRITE, c)

if args.ready:
    print(json.dumps({"ready": len(conns)}), flush=True)
deadline = time.time() + args.timeout
start = time.time()
pending = len(conns)
while pending and time.time() < deadline:
    for key, mask in sel.select(timeout=0.5):
        c = key.data
        s = c["sock"]
        if mask & selectors.EVENT_WRITE and c["sent"] < per:
            try:
                c["sent"] += s.send(c["data"][c["sent"]:c["sent"] + 65536])
            except BlockingIOError:
                pass
            except ConnectionError as e:
                c["error"] = str(e)
                sel.unregister(s)
                pending -= 1
                continue
            if c["sent"] == per:
                sel.modify(s, selectors.EVENT_READ, c)
        if mask & selectors.EVENT_READ:
            try:
                chunk = s.recv(65536)
            except BlockingIOError:
                continue
            except ConnectionError as e:
                c["error"] = str(e)
                sel.unregister(s)
                pending -= 1
                continue
            if not chunk:
                c["error"] = "closed early"
                sel.unregister(s)
                pending -= 1
                continue
            c["recv"] += chunk
            if len(c["recv"]) >= per:
                sel.unregister(s)
                pending -= 1

elapsed = time.time() - start
if args.hold:
    print(json.dumps({"holding": [c["port"] for c in conns]}), flush=True)
    time.sleep(args.hold)
def where(c):
    """For a mismatch: the first differing offset, and where the bytes found
    there come from in the stream sent (earlier: data repeated; later: data
    skipped; -1: bytes never sent), so a failure says what kind it is."""
    got, want = bytes(c["recv"]), c["data"]
    at = next((k for k in range(min(len(got), len(want))) if got[k] != want[k]), min(len(got), len(want)))
    probe = got[at:at + 64]
    return {"firstDiff": at, "bytesThereFrom": want.find(probe) if len(probe) == 64 else -1}

failures = []
verified = 0
for c in conns:
    if bytes(c["recv"]) == c["data"]:
        verified += per
    else:
        f = {"conn": c["i"], "got": len(c["recv"]), "error": c.get("error", "mismatch" if len(c["recv"]) >= per else "timeout")}
        if f["error"] == "mismatch":
            f.update(where(c))
        failures.append(f)
    c["sock"].close()
print(json.dumps({"verified": verified, "expected": per * args.conns, "ports": [c["port"] for c in conns], "failures": failures, "seconds": elapsed}))
sys.exit(1 if failures else 0)
