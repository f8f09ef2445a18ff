#!/usr/bin/env python3
"""A Linux TCP server for the stack-as-client interop test: for each
connection, echoes everything it receives until the peer closes, then closes.
Runs inside the test's namespace; exits after --conns connections or --timeout."""
import argparse, socket, threading, time
ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, default=9000)
ap.add_argument("--conns", type=int, default=1)
ap.add_argument("--timeout", type=float, default=120)
args = ap.parse_args()
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("0.0.0.0", args.port)); srv.listen(16); srv.settimeout(args.timeout)
print("listening", flush=True)
def serve(c):
    with c:
        while True:
            d = c.recv(65536)
            if not d: break
            c.sendall(d)
threads = []
for _ in range(args.conns):
    c, _ = srv.accept()
    t = threading.Thread(target=serve, args=(c,)); t.start(); threads.append(t)
for t in threads: t.join(args.timeout)
