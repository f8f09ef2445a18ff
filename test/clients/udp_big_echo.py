#!/usr/bin/env python3
"""Large-datagram UDP echo from inside the namespace: sends N datagrams of SIZE bytes (over the MTU, so
Linux fragments them) and counts replies identical to what was sent.
usage: udp_big_echo.py HOST PORT SIZE N -> {"sent": N, "echoed": k, "lengths": [...]}"""
import json, socket, sys
host, port, size, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(3.0)
ok, lengths = 0, []
for i in range(n):
    msg = bytes(((j * 7 + i) & 0xFF) for j in range(size))
    s.sendto(msg, (host, port))
    try:
        data, _ = s.recvfrom(65535)
        lengths.append(len(data))
        ok += data == msg
    except socket.timeout:
        lengths.append(0)
print(json.dumps({"sent": n, "echoed": ok, "lengths": lengths}))
