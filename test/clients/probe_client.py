#!/usr/bin/env python3
"""Measures recovery: until --timeout, opens a fresh TCP connection every
--interval seconds (each a new SYN, so Linux's SYN backoff does not blur the
figure), sends a short message and waits for its echo. Prints one JSON line:
{"ok": bool, "seconds": time to the first full echo, "attempts": n}."""
import argparse, json, socket, time
ap = argparse.ArgumentParser()
ap.add_argument("--host", default="10.77.0.2")
ap.add_argument("--port", type=int, default=7)
ap.add_argument("--timeout", type=float, default=10)
ap.add_argument("--interval", type=float, default=0.1)
args = ap.parse_args()
start = time.time()
attempts = 0
msg = b"probe-0123456789abcdef"
while time.time() - start < args.timeout:
    attempts += 1
    try:
        with socket.create_connection((args.host, args.port), timeout=args.interval * 3) as s:
            s.settimeout(0.5)
            s.sendall(msg)
            got = b""
            while len(got) < len(msg):
                chunk = s.recv(64)
                if not chunk:
                    break
                got += chunk
            if got == msg:
                print(json.dumps({"ok": True, "seconds": time.time() - start, "attempts": attempts}))
                raise SystemExit(0)
    except OSError:
        pass
    time.sleep(args.interval)
print(json.dumps({"ok": False, "seconds": time.time() - start, "attempts": attempts}))
