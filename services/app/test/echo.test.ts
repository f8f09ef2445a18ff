// Echo: the session unit, the datagram function, and 1 MB through real TCP sockets.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import net from "node:net";
import { test } from "node:test";
import { EchoSession, echoDatagram } from "../src/echo.ts";
import { startNetServer } from "../src/net-server.ts";
import { rng } from "./helpers.ts";

test("EchoSession hands back the received view itself (zero copy)", () => {
  const session = new EchoSession();
  const chunk = Uint8Array.of(1, 2, 3);
  const out: Uint8Array[] = [];
  assert.equal(
    session.onData(chunk, (r) => out.push(r)),
    "open",
  );
  assert.equal(
    session.onData(new Uint8Array(0), (r) => out.push(r)),
    "open",
  );
  assert.deepEqual(out, [chunk]);
  assert.equal(out[0], chunk);
  assert.equal(session.bytesEchoed, 3);
  const datagram = Uint8Array.of(9, 8);
  assert.equal(echoDatagram(datagram), datagram);
});

function randomBytes(n: number, seed: number): Buffer {
  const random = rng(seed);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(random() * 256);
  return b;
}

/** Sends `data` in pieces and resolves with everything echoed back once as many bytes returned. */
function echoOver(port: number, data: Buffer, piece: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    const chunks: Buffer[] = [];
    let received = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`echo timed out after ${received} of ${data.length} bytes`));
    }, 20_000);
    socket.on("error", reject);
    socket.on("data", (d: Buffer) => {
      chunks.push(d);
      received += d.length;
      if (received >= data.length) {
        clearTimeout(timer);
        socket.end();
        resolve(Buffer.concat(chunks, received));
      }
    });
    socket.on("connect", () => {
      for (let off = 0; off < data.length; off += piece) socket.write(data.subarray(off, off + piece));
    });
  });
}

test(
  "1 MB echoed intact over loopback TCP, on several connections at once",
  { timeout: 30_000 },
  async () => {
    const server = await startNetServer({ port: 0, protocol: "echo" });
    try {
      const size = 1024 * 1024;
      const inputs = [randomBytes(size, 1), randomBytes(size, 2), randomBytes(size, 3)];
      const outputs = await Promise.all(
        inputs.map((d, i) => echoOver(server.port, d, [65536, 1000, size][i])),
      );
      for (let i = 0; i < inputs.length; i++) {
        assert.equal(outputs[i].length, size);
        assert.ok(outputs[i].equals(inputs[i]), `connection ${i} corrupted`);
      }
    } finally {
      await server.close();
    }
  },
);
