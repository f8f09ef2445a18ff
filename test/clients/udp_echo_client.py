#!/usr/bin/env python3
"""UDP echo check from inside the namespace: sends N datagrams, counts verified echoes."""
import json, socket, sys, time
host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(1.0)
ok = 0
for i in range(n):
    msg = b"ix-udp-%06d-" % i + bytes(range(64))
    s.sendto(msg, (host, port))
    try:
        data, _ = s.recvfrom(2048)
        ok += data == msg
    except socket.timeout:
        pass
print(json.dumps({"sent": n, "echoed": ok}))
