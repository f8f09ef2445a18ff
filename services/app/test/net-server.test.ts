// The node:net memcached server with a real socket client: pipelining,
// tiny segments, quit, connection accounting, and the standalone CLI.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import net from "node:net";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { VERSION_STRING } from "../src/memcached/replies.ts";
import { startNetServer } from "../src/net-server.ts";
import { roundTrip, waitForPort, freePort } from "./tcp-client.ts";

test("2000 pipelined sets and gets in one write come back in order", { timeout: 20_000 }, async () => {
  const server = await startNetServer({ port: 0, protocol: "memcached" });
  try {
    let request = "";
    let expected = "";
    for (let i = 0; i < 1000; i++) {
      request += `set key:${i} ${i} 0 ${String(i * 7).length}\r\n${i * 7}\r\n`;
      expected += "STORED\r\n";
    }
    for (let i = 0; i < 1000; i++) {
      request += `get key:${i}\r\n`;
      expected += `VALUE key:${i} ${i} ${String(i * 7).length}\r\n${i * 7}\r\nEND\r\n`;
    }
    const reply = await roundTrip(server.port, request, (d) => d.length >= expected.length);
    assert.equal(reply.data.toString("latin1"), expected);
    assert.equal(server.store?.stats.bytesRead, request.length);
    assert.equal(server.store?.currItems, 1000);
  } finally {
    await server.close();
  }
});

test(
  "requests dribbled a few bytes per write, then quit closes the connection",
  { timeout: 20_000 },
  async () => {
    const server = await startNetServer({ port: 0, protocol: "memcached" });
    try {
      const socket = net.connect({ port: server.port, host: "127.0.0.1" });
      socket.setNoDelay(true);
      let received = "";
      socket.on("data", (d: Buffer) => (received += d.toString("latin1")));
      const ended = new Promise<void>((resolve) => socket.once("end", resolve));
      await new Promise<void>((resolve) => socket.once("connect", resolve));
      const script = "set a 0 0 5\r\nhello\r\ngets a\r\nincr a 1\r\nquit\r\nversion\r\n";
      for (let i = 0; i < script.length; i += 3) {
        socket.write(script.slice(i, i + 3));
        await new Promise((r) => setTimeout(r, 1));
      }
      await ended;
      socket.destroy();
      assert.equal(
        received,
        "STORED\r\nVALUE a 0 5 1\r\nhello\r\nEND\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\n",
      );
      for (let i = 0; i < 50 && server.connections() > 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(server.store?.stats.currConnections, 0);
      assert.equal(server.store?.stats.totalConnections, 1);
    } finally {
      await server.close();
    }
  },
);

test("net-main.ts serves memcached standalone and stops on SIGTERM", { timeout: 20_000 }, async () => {
  const port = await freePort();
  const main = fileURLToPath(new URL("../src/net-main.ts", import.meta.url));
  const child = spawn(process.execPath, [main, "--protocol", "memcached", "--port", String(port)], {
    stdio: "pipe",
  });
  try {
    await waitForPort(port, 10_000);
    const reply = await roundTrip(port, "version\r\n", (d) => d.includes("\r\n"));
    assert.equal(reply.data.toString("latin1"), `VERSION ${VERSION_STRING}\r\n`);
  } finally {
    child.kill("SIGTERM");
  }
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  assert.equal(code, 0);
});
