#!/usr/bin/env python3
"""UDP to a closed port from inside the namespace: a connected UDP socket sends one datagram and reads
the error Linux reports when an ICMP port unreachable quoting it arrives (ECONNREFUSED; Linux matches the
quoted addresses and ports to the socket), while a raw ICMP socket keeps the message itself.
usage: udp_closed_port.py HOST PORT -> JSON with the socket error, the ICMP type/code and the quote checks."""
import errno, json, socket, struct, sys, time
host, port = sys.argv[1], int(sys.argv[2])
raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
raw.settimeout(0.5)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.connect((host, port))
sport = u.getsockname()[1]
payload = b"is anybody listening on this port?"
out = {"sport": sport, "socket_error": None, "icmp": None}
u.send(payload)
u.settimeout(3.0)
try:
    u.recv(2048)
    out["socket_error"] = "a reply came"
except ConnectionRefusedError:
    out["socket_error"] = "ECONNREFUSED"
except socket.timeout:
    out["socket_error"] = "timeout"
end = time.monotonic() + 3
while time.monotonic() < end and out["icmp"] is None:
    try:
        pkt = raw.recv(65535)
    except socket.timeout:
        continue
    ihl = (pkt[0] & 0x0F) * 4
    if pkt[12:16] != socket.inet_aton(host):
        continue
    icmp = pkt[ihl:]
    if icmp[0] != 3:
        continue
    q = icmp[8:]
    qihl = (q[0] & 0x0F) * 4
    s = 0
    data = icmp + (b"\0" if len(icmp) % 2 else b"")
    for i in range(0, len(data), 2):
        s += (data[i] << 8) | data[i + 1]
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    out["icmp"] = {
        "type": icmp[0],
        "code": icmp[1],
        "checksum_ok": s == 0xFFFF,
        "quoted_src": socket.inet_ntoa(q[12:16]),
        "quoted_dst": socket.inet_ntoa(q[16:20]),
        "quoted_proto": q[9],
        "quoted_ports": list(struct.unpack("!HH", q[qihl:qihl + 4])),
        "quoted_payload": q[qihl + 8:].decode("latin-1"),
        "ip_total_length": len(pkt),
    }
print(json.dumps(out))
