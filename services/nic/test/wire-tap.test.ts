// The TAP wire port (wire-tap.ts and its reader thread) on a named pipe
// instead of a TAP device (no root needed): a read(2) returns what one
// write(2) put in when the writer waits for each frame to arrive, which is
// the TAP's one-frame-per-call behaviour. Checks that frames reach the NIC
// whole, in order, on the tap side, that earlier frames stay intact while
// later ones arrive, that send() writes one frame per call, and that close()
// ends the reader thread (the test process exits).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TapWire } from "../src/wire-tap.ts";
import { WireSide } from "../src/nic.ts";

/** A frame of `len` bytes whose every byte says which frame it is. */
const frame = (i: number, len: number): Uint8Array => new Uint8Array(len).fill(i & 0xff);

test("frames read from the descriptor reach the NIC whole and in order; send writes one per call", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ix-tapwire-"));
  const fifo = join(dir, "wire");
  execFileSync("mkfifo", [fifo]);
  // O_RDWR on a FIFO (Linux): the TapWire's end; a second descriptor writes into it.
  const fd = openSync(fifo, "r+");
  const writer = openSync(fifo, "w");
  const got: { frame: Uint8Array; side: number }[] = [];
  let arrived: (() => void) | undefined;
  const sink = {
    wireInput(f: Uint8Array, side: number) {
      got.push({ frame: f, side });
      arrived?.();
    },
  };
  const wire = new TapWire(sink, fd);
  const next = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`frame ${got.length} never reached the NIC`)), 10_000);
      arrived = () => {
        clearTimeout(t);
        resolve();
      };
    });
  try {
    // 800 frames of 1514 B.
    const count = 800;
    for (let i = 0; i < count; i++) {
      const p = next();
      writeSync(writer, frame(i, 1514));
      await p;
    }
    assert.equal(got.length, count);
    got.forEach((g, i) => {
      assert.equal(g.side, WireSide.Tap);
      assert.equal(g.frame.length, 1514, `frame ${i}'s length`);
      assert.ok(
        g.frame.every((b) => b === (i & 0xff)),
        `frame ${i} was overwritten`,
      );
    });
    // send(): each frame is one write(2); read back through the same descriptor.
    const p = next();
    assert.equal(wire.send([frame(7, 60)]), 1);
    await p;
    assert.deepEqual(new Uint8Array(got.at(-1)!.frame), frame(7, 60));
    assert.equal(wire.sendErrors, 0);
  } finally {
    await wire.close();
    // Nothing is handed on after close(), even what was still queued.
    writeSync(writer, new Uint8Array(1));
    await new Promise((r) => setTimeout(r, 50));
    closeSync(writer);
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(got.length, 801, "nothing is handed on after close()");
});

test("a write the kernel refuses is counted, not thrown", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ix-tapwire-"));
  const file = join(dir, "ro");
  execFileSync("touch", [file]);
  const fd = openSync(file, "r"); // read-only: write(2) fails with EBADF
  const wire = new TapWire({ wireInput: () => undefined }, fd);
  try {
    assert.equal(wire.send([frame(1, 60), frame(2, 60)]), 0);
    assert.equal(wire.sendErrors, 2);
  } finally {
    await wire.close();
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
});
