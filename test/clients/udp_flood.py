#!/usr/bin/env python3
"""Sends N UDP datagrams as fast as possible (bounded count) from inside the namespace."""
import socket, sys
host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
payload = b"x" * 1200
for i in range(n):
    try:
        s.sendto(payload, (host, port))
    except OSError:
        pass
print(n)
