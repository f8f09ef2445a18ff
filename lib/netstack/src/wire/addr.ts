// Address text conversion (config time: throws on bad text) and big-endian
// integer access (hot path: plain byte math, no DataView).

/** "10.77.0.2" -> 0x0a4d0002. Throws on anything but four decimal octets. */
export function parseIpv4(s: string): number {
  const parts = s.split(".");
  if (parts.length !== 4) throw new Error(`bad IPv4 address: ${JSON.stringify(s)}`);
  let ip = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) throw new Error(`bad IPv4 address: ${JSON.stringify(s)}`);
    const n = Number(p);
    if (n > 255) throw new Error(`bad IPv4 address: ${JSON.stringify(s)}`);
    ip = ip * 256 + n;
  }
  return ip;
}

export function formatIpv4(ip: number): string {
  return `${(ip >>> 24) & 0xff}.${(ip >>> 16) & 0xff}.${(ip >>> 8) & 0xff}.${ip & 0xff}`;
}

/** "52:54:00:12:34:56" (or with "-") -> 6 bytes. Throws on bad text. */
export function parseMac(s: string): Uint8Array {
  const parts = s.split(/[:-]/);
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-fA-F]{2}$/.test(p))) {
    throw new Error(`bad MAC address: ${JSON.stringify(s)}`);
  }
  return Uint8Array.from(parts, (p) => parseInt(p, 16));
}

export function formatMac(m: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < 6; i++) out.push((m[i] ?? 0).toString(16).padStart(2, "0"));
  return out.join(":");
}

export const BROADCAST_MAC: Uint8Array = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

export function macEquals(a: Uint8Array, b: Uint8Array): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4] && a[5] === b[5];
}

export function readU16(buf: Uint8Array, off: number): number {
  return (buf[off] << 8) | buf[off + 1];
}

/** Unsigned: the >>> 0 keeps addresses and sequence numbers >= 2^31 positive. */
export function readU32(buf: Uint8Array, off: number): number {
  return ((buf[off] << 24) | (buf[off + 1] << 16) | (buf[off + 2] << 8) | buf[off + 3]) >>> 0;
}

export function writeU16(buf: Uint8Array, off: number, v: number): void {
  buf[off] = v >>> 8;
  buf[off + 1] = v;
}

export function writeU32(buf: Uint8Array, off: number, v: number): void {
  buf[off] = v >>> 24;
  buf[off + 1] = v >>> 16;
  buf[off + 2] = v >>> 8;
  buf[off + 3] = v;
}
