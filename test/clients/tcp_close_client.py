#!/usr/bin/python3
"""Closing-path clients for test/tcp-close-tap.test.ts, run inside the test's namespace. Prints one
JSON object; every wait is bounded.

  quit   --conns N: N Linux sockets to memcached each send `quit` and keep their side open until the
         server's FIN arrives (recv returns b""), then close. {"serverClosed": n, "errors": [...]}
  stats  : one connection asks `stats`, closes. {"curr_connections": n}
  finretx --iface IF --ip A --delay S: a hand-driven peer (scapy, raw frames on IF from address A, which
         the namespace's kernel does not own, so it never resets the connection) connects, sends
         `quit`, ACKs the server's FIN and sends its own, gets it ACKed, then plays a lost ACK: it
         retransmits the FIN S seconds later and reports what the server answered.
         {"firstAck": bool, "retx": {"flags": "A", "seq": n, "ack": n, "expectedSeq": n, "expectedAck": n}}
"""
import argparse, json, queue, random, socket, sys, threading, time

TARGET = "10.77.0.2"


def quit_clients(host, port, conns, timeout):
    socks, errors, closed = [], [], 0
    for _ in range(conns):
        s = socket.create_connection((host, port), timeout=timeout)
        socks.append(s)
    for s in socks:
        s.sendall(b"quit\r\n")
    for s in socks:
        try:
            data = s.recv(4096)
            if data == b"":
                closed += 1
            else:
                errors.append(f"data after quit: {data!r}")
        except OSError as e:
            errors.append(str(e))
        finally:
            s.close()
    return {"serverClosed": closed, "errors": errors}


def stats(host, port, timeout):
    s = socket.create_connection((host, port), timeout=timeout)
    s.sendall(b"stats\r\n")
    buf = b""
    while not buf.endswith(b"END\r\n"):
        chunk = s.recv(65536)
        if not chunk:
            break
        buf += chunk
    s.close()
    for line in buf.decode("latin1").split("\r\n"):
        if line.startswith("STAT curr_connections "):
            return {"curr_connections": int(line.split()[2])}
    return {"error": "no curr_connections in " + buf.decode("latin1")[:200]}


class Wire:
    """Raw Ethernet on iface for one IPv4 address the kernel does not own (as ../shared/cases/_ixwire.py)."""

    def __init__(self, iface, ip):
        from scapy.all import conf
        conf.verb = 0
        self.ip = ip
        self.mac = open(f"/sys/class/net/{iface}/address").read().strip()
        # The kernel must not forward the product's frames for our address back out of the TAP.
        self.fwd_path = f"/proc/sys/net/ipv4/conf/{iface}/forwarding"
        self.fwd_old = open(self.fwd_path).read().strip()
        with open(self.fwd_path, "w") as f:
            f.write("0")
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
        self.sock.bind((iface, 0))
        self.q = queue.Queue()
        self.peer_mac, self.resolved = None, threading.Event()
        threading.Thread(target=self.rx, daemon=True).start()
        from scapy.all import ARP, Ether
        req = Ether(src=self.mac, dst="ff:ff:ff:ff:ff:ff") / ARP(op=1, hwsrc=self.mac, psrc=ip, pdst=TARGET)
        for _ in range(5):
            self.sock.send(bytes(req))
            if self.resolved.wait(1.0):
                return
        raise RuntimeError(f"{TARGET} did not answer ARP")

    def restore(self):
        with open(self.fwd_path, "w") as f:
            f.write(self.fwd_old)

    def rx(self):
        from scapy.all import ARP, Ether, IP
        while True:
            raw, addr = self.sock.recvfrom(65535)
            if addr[2] == socket.PACKET_OUTGOING:
                continue
            try:
                f = Ether(raw)
            except Exception:
                continue
            if ARP in f:
                a = f[ARP]
                if a.op == 2 and a.psrc == TARGET:
                    self.peer_mac = a.hwsrc
                    self.resolved.set()
                elif a.op == 1 and a.pdst == self.ip:
                    self.sock.send(bytes(Ether(src=self.mac, dst=a.hwsrc) /
                                         ARP(op=2, hwsrc=self.mac, psrc=self.ip, hwdst=a.hwsrc, pdst=a.psrc)))
            elif IP in f and f[IP].src == TARGET and f[IP].dst == self.ip:
                self.q.put(f)

    def send(self, pkt):
        from scapy.all import Ether
        self.sock.send(bytes(Ether(src=self.mac, dst=self.peer_mac) / pkt))

    def expect(self, pred, timeout):
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            try:
                p = self.q.get(timeout=left)
            except queue.Empty:
                return None
            if pred(p):
                return p


def fin_retransmit(iface, ip, port, delay):
    from scapy.all import IP, TCP, Raw
    w = Wire(iface, ip)
    try:
        sport = random.randint(20000, 60000)
        isn = random.getrandbits(31)
        mine = lambda p: TCP in p and p[TCP].sport == port and p[TCP].dport == sport
        seg = lambda fl, seq, ack, data=b"": w.send(
            IP(src=ip, dst=TARGET) / TCP(sport=sport, dport=port, flags=fl, seq=seq, ack=ack, window=65535)
            / (Raw(data) if data else b""))
        seg("S", isn, 0)
        sa = w.expect(lambda p: mine(p) and str(p[TCP].flags) == "SA", 3)
        if sa is None:
            return {"error": "no SYN-ACK"}
        rcv = (sa[TCP].seq + 1) & 0xFFFFFFFF
        snd = (isn + 1) & 0xFFFFFFFF
        seg("A", snd, rcv)
        seg("PA", snd, rcv, b"quit\r\n")
        snd = (snd + 6) & 0xFFFFFFFF
        fin = w.expect(lambda p: mine(p) and "F" in str(p[TCP].flags), 5)
        if fin is None:
            return {"error": "the server never sent its FIN after quit"}
        rcv = (fin[TCP].seq + 1) & 0xFFFFFFFF
        seg("FA", snd, rcv)  # ACK of the server's FIN, and ours
        first = w.expect(lambda p: mine(p) and p[TCP].ack == ((snd + 1) & 0xFFFFFFFF), 3)
        # Pretend that ACK was lost: retransmit the FIN after `delay` seconds.
        time.sleep(delay)
        seg("FA", snd, rcv)
        p = w.expect(lambda p: mine(p), 3)
        out = {"firstAck": first is not None and str(first[TCP].flags) == "A",
               "expectedSeq": rcv, "expectedAck": (snd + 1) & 0xFFFFFFFF}
        out["retx"] = None if p is None else {"flags": str(p[TCP].flags), "seq": p[TCP].seq, "ack": p[TCP].ack}
        return out
    finally:
        w.restore()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["quit", "stats", "finretx"])
    ap.add_argument("--host", default=TARGET)
    ap.add_argument("--port", type=int, default=11211)
    ap.add_argument("--conns", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--iface", default="ixtap0")
    ap.add_argument("--ip", default="10.77.0.50")
    ap.add_argument("--delay", type=float, default=2)
    a = ap.parse_args()
    if a.mode == "quit":
        out = quit_clients(a.host, a.port, a.conns, a.timeout)
    elif a.mode == "stats":
        out = stats(a.host, a.port, a.timeout)
    else:
        out = fin_retransmit(a.iface, a.ip, a.port, a.delay)
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
