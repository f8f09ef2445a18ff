// Flow-group migration between two cores (IX, TOCS 2016 section 4.4), driven
// synchronously: the test carries each Migration message itself, so every
// state is observable: export (START with the group's state and its queued
// frames), forward (frames that still reach the source), hold (frames that
// reach the target before START, released after the transition window, after
// the forwarded ones), EV_MOVED to the app, READY answering IXCP, and ESTALE
// for calls on handles that left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ix } from "@ix/proto";
import { HANDLE_FG_SCALE } from "@ix/netstack";
import { TestWire, HOST_IP, type RecordedCore } from "./harness.ts";

const K = ix.SyscallKind;
const { ESTALE } = ix.Errno;
const E = ix.EventKind;
const S = ix.MigrationStage;
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

interface Accepted {
  core: number;
  fg: number;
  handle: number;
  cookie: number;
  peerHandle: number;
}

/** A wire with two cores listening on port 7; Migration messages are kept for the test to carry. */
function twoCores(): { w: TestWire; mail: { target: number; m: ix.Migration }[] } {
  const w = new TestWire({ cores: 2 });
  const mail: { target: number; m: ix.Migration }[] = [];
  for (const c of w.cores) {
    c.onMigration = (target, m) => mail.push({ target, m });
    c.syscalls(1, [{ kind: K.SYS_LISTEN, port: 7 }]);
  }
  w.settle();
  return { w, mail };
}

/** The peer connects to port 7; returns the knock (not accepted yet). */
function knock(w: TestWire, peerCookie: number): Omit<Accepted, "cookie"> {
  const before = w.cores.map((c) => c.allEvents().length);
  const peerHandle = w.peer.connect(HOST_IP, 7, peerCookie);
  assert.ok(peerHandle > 0, "peer connect");
  w.settle();
  for (let core = 0; core < w.cores.length; core++) {
    const e = w.cores[core]
      .allEvents()
      .slice(before[core])
      .find((x) => x.kind === E.EV_KNOCK);
    if (e) {
      const handle = Number(e.handle);
      return { core, fg: Math.floor(handle / HANDLE_FG_SCALE), handle, peerHandle };
    }
  }
  throw new Error("no core knocked");
}

function accept(w: TestWire, k: Omit<Accepted, "cookie">, cookie: number): Accepted {
  w.cores[k.core].syscalls(2, [{ kind: K.SYS_ACCEPT, handle: k.handle, cookie }]);
  w.settle();
  return { ...k, cookie };
}

/** Data the core handed the app for `cookie`, concatenated. */
function received(c: RecordedCore, cookie: number): string {
  return c
    .allEvents()
    .filter((e) => e.kind === E.EV_RECV && Number(e.cookie) === cookie)
    .map((e) => new TextDecoder().decode(e.data ?? new Uint8Array(0)))
    .join("");
}

/** IXCP's CMD_MIGRATE to `src`: the accepted connection's group goes to the other core; replies collected. */
function migrateAway(src: RecordedCore, a: Accepted, migrationId: number): ix.CommandReply[] {
  return src.command({
    kind: ix.CommandKind.CMD_MIGRATE,
    flowGroups: [a.fg],
    targetCore: 1 - a.core,
    migrationId,
  });
}

/** Hands every kept Migration message to its target core, in order. */
function carry(w: TestWire, mail: { target: number; m: ix.Migration }[], stage?: ix.MigrationStage): void {
  for (let i = 0; i < mail.length;) {
    if (stage === undefined || mail[i].m.stage === stage) {
      const { target, m } = mail.splice(i, 1)[0];
      w.cores[target].core.receiveMigration(m);
    } else i++;
  }
}

test("export, forward, EV_MOVED and READY: a moving connection keeps its bytes in order", () => {
  const { w, mail } = twoCores();
  const a = accept(w, knock(w, 1), 77);
  const src = w.cores[a.core];
  const dst = w.cores[1 - a.core];
  w.peer.sendv(a.peerHandle, [text("one ")]);
  w.settle();
  assert.equal(received(src, 77), "one ");

  const replies = migrateAway(src, a, 5);
  w.time.settle();
  assert.equal(replies.length, 0, "IXCP's answer waits for READY");
  assert.equal(src.core.stack.ownsFlowGroup(a.fg), false, "exported");
  assert.equal(src.core.migrations.movedTo(a.fg), 1 - a.core);
  assert.deepEqual(
    mail.map((x) => [x.target, x.m.stage, x.m.states.length]),
    [[1 - a.core, S.MIG_START, 1]],
  );

  // The NIC still sends the group to the source: the source forwards.
  w.peer.sendv(a.peerHandle, [text("two ")]);
  w.pump();
  w.time.settle();
  assert.equal(src.core.migrations.stats.framesForwarded, 1);
  assert.deepEqual(
    mail.map((x) => x.m.stage),
    [S.MIG_START, S.MIG_FORWARD],
  );
  assert.equal(received(src, 77), "one ", "the source no longer serves the connection");

  carry(w, mail);
  w.time.settle();
  const moved = dst.allEvents().filter((e) => e.kind === E.EV_MOVED);
  assert.deepEqual(
    moved.map((e) => [Number(e.cookie), e.value]),
    [[77, 1 - a.core]],
    "the app learns the new core",
  );
  assert.equal(received(dst, 77), "two ", "the forwarded segment, on the target");
  assert.deepEqual(
    mail.map((x) => [x.target, x.m.stage]),
    [[a.core, S.MIG_READY]],
  );
  carry(w, mail);
  w.time.settle();
  assert.equal(replies.length, 1);
  assert.equal(replies[0].ok, true, replies[0].error);
  assert.ok(Number(replies[0].durationUs) >= 0);

  // IXCP rewrites the RETA: the group's frames reach the target directly
  // (once the transition window has passed; until then they would be held).
  w.time.advance(1000);
  w.time.settle();
  assert.equal(w.rss.assign([a.fg], 1 - a.core), null);
  w.peer.sendv(a.peerHandle, [text("three")]);
  w.settle();
  assert.equal(received(dst, 77), "two three");
  assert.equal(dst.core.stack.counters.tcpOutOfOrder, 0);
  assert.equal(src.core.stack.counters.tcpResetsSent + dst.core.stack.counters.tcpResetsSent, 0);
  assert.deepEqual(
    w.cores.map((c) => c.core.mbufs.inUse),
    [0, 0],
    "forwarded frames gave their mbufs back once FORWARD was encoded",
  );
});

test("hold: frames that reach the target before START wait for the transition window, after forwarded ones", () => {
  const { w, mail } = twoCores();
  const a = accept(w, knock(w, 1), 77);
  const src = w.cores[a.core];
  const dst = w.cores[1 - a.core];
  migrateAway(src, a, 1);
  w.time.settle();
  // "A" still reaches the source (forwarded); then the RETA changes and "B" reaches the target first.
  w.peer.sendv(a.peerHandle, [text("A")]);
  w.pump();
  w.time.settle();
  w.rss.assign([a.fg], 1 - a.core);
  w.peer.sendv(a.peerHandle, [text("B")]);
  w.pump();
  w.time.settle();
  assert.equal(dst.core.migrations.stats.framesHeld, 1, "B is held: START has not arrived");
  assert.equal(received(dst, 77), "");
  assert.equal(dst.core.mbufs.inUse, 1, "the held frame keeps its mbuf");

  carry(w, mail, S.MIG_START);
  w.time.settle();
  assert.equal(received(dst, 77), "", "B still held during the transition window");
  assert.deepEqual(
    w.time.timerDelays.sort((x, y) => x - y),
    [1000, 1_500_000],
    "the target sleeps until the window ends (1 ms); the source's READY timeout (1.5 s)",
  );
  carry(w, mail, S.MIG_FORWARD);
  w.time.settle();
  assert.equal(received(dst, 77), "A", "the forwarded frame goes first");
  w.time.advance(1000);
  w.time.settle();
  assert.equal(received(dst, 77), "AB");
  assert.equal(dst.core.stack.counters.tcpOutOfOrder, 0, "in order: no reassembly was needed");
  assert.deepEqual(
    w.cores.map((c) => c.core.mbufs.inUse),
    [0, 0],
    "held and forwarded frames gave their mbufs back",
  );
});

test("ESTALE: calls on a handle that left name the new core; an accept also gets EV_MOVED in the same batch", () => {
  const { w, mail } = twoCores();
  // Two connections on the same core: one accepted, one only knocked.
  let a: Accepted | undefined;
  let k: Omit<Accepted, "cookie"> | undefined;
  for (let i = 0; i < 20 && !(a && k); i++) {
    const n = knock(w, 100 + i);
    if (!a) a = accept(w, n, 77);
    else if (n.core === a.core) k = n;
  }
  assert.ok(a && k, "two connections on one core");
  const src = w.cores[a.core];
  const target = 1 - a.core;
  const groups = [...new Set([a.fg, k.fg])];
  const replies = src.command({
    kind: ix.CommandKind.CMD_MIGRATE,
    flowGroups: groups,
    targetCore: target,
    migrationId: 2,
  });
  w.time.settle();
  carry(w, mail);
  w.time.settle();
  carry(w, mail);
  w.time.settle();
  assert.equal(replies[0]?.ok, true);

  src.events.length = 0;
  src.syscalls(9, [
    { kind: K.SYS_SENDV, handle: a.handle, bufs: [text("x")] },
    { kind: K.SYS_ACCEPT, handle: k.handle, cookie: 88 },
  ]);
  w.time.settle();
  assert.equal(src.events.length, 1, "one batch: the notice with the codes it explains");
  const b = src.events[0];
  assert.equal(b.resultsSeq, 9);
  assert.deepEqual(b.results, [-ESTALE, -ESTALE]);
  assert.deepEqual(
    b.events.map((e) => [e.kind, Number(e.cookie), e.value]),
    [[E.EV_MOVED, 88, target]],
  );
  // libix replays the accept on the core EV_MOVED named; the connection works there.
  const dst = w.cores[target];
  dst.syscalls(3, [{ kind: K.SYS_ACCEPT, handle: k.handle, cookie: 88 }]);
  w.rss.assign(groups, target);
  w.time.advance(1000); // past the transition window
  w.settle();
  assert.deepEqual(dst.events.at(-1)?.results, [0]);
  w.peer.sendv(k.peerHandle, [text("after")]);
  w.settle();
  assert.equal(received(dst, 88), "after");
});

test("a migration to nowhere or of groups not owned is refused at once; a silent target times out", () => {
  const { w } = twoCores();
  const c = w.cores[0];
  const own = c.core.stack.ownedFlowGroups()[0];
  const other = w.cores[1].core.stack.ownedFlowGroups()[0];
  const r1 = c.command({
    kind: ix.CommandKind.CMD_MIGRATE,
    flowGroups: [other],
    targetCore: 1,
    migrationId: 1,
  });
  const r2 = c.command({
    kind: ix.CommandKind.CMD_MIGRATE,
    flowGroups: [own],
    targetCore: 0,
    migrationId: 2,
  });
  w.time.settle();
  assert.equal(r1[0]?.ok, false);
  assert.match(r1[0]?.error ?? "", /not owned/);
  assert.equal(r2[0]?.ok, false);
  assert.match(r2[0]?.error ?? "", /this core/);
  assert.equal(c.core.stack.ownsFlowGroup(own), true, "nothing moved");
  const r3 = c.command({
    kind: ix.CommandKind.CMD_MIGRATE,
    flowGroups: [own],
    targetCore: 1,
    migrationId: 3,
  });
  w.time.settle();
  assert.equal(r3.length, 0);
  w.time.advance(1_500_000);
  assert.equal(r3[0]?.ok, false);
  assert.match(r3[0]?.error ?? "", /no READY/);
});

test("run_io across an arrival: the return codes of the batch run in the cycle a group arrives are not lost when the app's return brings calls", () => {
  // The compose stall: IXCP moves groups to a core that is serving its own
  // connections. In one cycle the target runs the app's batch (its codes wait
  // for step 7) and installs the group (EV_MOVED leaves at once: the app now
  // owes a return). The app returns with calls (libix replays the moved
  // connection's refused sendv there). Both batches' codes must reach the app:
  // a lost sendv code leaves libix's connection "sending" forever.
  const { w, mail } = twoCores();
  let a: Accepted | undefined;
  let b: Accepted | undefined;
  for (let i = 0; i < 20 && !(a && b); i++) {
    const n = knock(w, 200 + i);
    if (!a) a = accept(w, n, 77);
    else if (n.core !== a.core) b = accept(w, n, 78);
    else w.cores[n.core].syscalls(3, [{ kind: K.SYS_ACCEPT, handle: n.handle, cookie: 1000 + i }]);
  }
  assert.ok(a && b, "one connection on each core");
  w.settle();
  const src = w.cores[a.core];
  const dst = w.cores[b.core];
  src.command({ kind: ix.CommandKind.CMD_MIGRATE, flowGroups: [a.fg], targetCore: b.core, migrationId: 7 });
  w.time.settle();
  assert.deepEqual(
    mail.map((x) => x.m.stage),
    [S.MIG_START],
  );

  // The app's batch and START reach the target before its next cycle.
  dst.autoReturn = false;
  dst.events.length = 0;
  dst.syscalls(10, [{ kind: K.SYS_SENDV, handle: b.handle, bufs: [text("b1")] }]);
  carry(w, mail, S.MIG_START);
  w.time.settle();
  assert.deepEqual(
    dst.events.flatMap((x) => x.events.map((e) => [e.kind, Number(e.cookie)])),
    [[E.EV_MOVED, 77]],
    "EV_MOVED left at once",
  );
  assert.equal(
    dst.events[0].resultsSeq,
    10,
    "with the codes of the batch step 1 ran (nothing to hold them behind)",
  );

  // libix answers the EV_MOVED batch with one SyscallBatch: the replayed sendv.
  dst.syscalls(11, [{ kind: K.SYS_SENDV, handle: a.handle, bufs: [text("a1")] }]);
  w.time.settle();
  const codes = new Map(dst.events.filter((x) => x.resultsSeq).map((x) => [x.resultsSeq, x.results]));
  assert.deepEqual(codes.get(10), [2], "the codes of the batch run with the arrival reach the app");
  assert.deepEqual(codes.get(11), [2], "the codes of the app's return reach the app");
});

test("frames still in the source's RX ring leave with START and give their mbufs back there; the target delivers them in order", () => {
  const { w, mail } = twoCores();
  const a = accept(w, knock(w, 1), 77);
  const src = w.cores[a.core];
  const dst = w.cores[1 - a.core];
  // Two segments reach the source's RX ring; the command runs at step 2 of the same cycle, before the RX step.
  w.peer.sendv(a.peerHandle, [text("x")]);
  w.pump();
  w.peer.sendv(a.peerHandle, [text("y")]);
  w.pump();
  assert.equal(src.core.rx.length, 2, "both wait in the ring");
  assert.equal(src.core.mbufs.inUse, 2, "one mbuf each");
  migrateAway(src, a, 9);
  w.time.settle();
  assert.equal(src.core.migrations.stats.framesCarried, 2);
  assert.equal(src.core.mbufs.inUse, 0, "START carries the bytes: the source's mbufs are back");
  carry(w, mail, S.MIG_START);
  w.time.settle();
  assert.equal(received(dst, 77), "xy", "the target delivered the carried frames in order");
  carry(w, mail);
  w.time.advance(1000);
  w.settle();
  assert.deepEqual(
    w.cores.map((c) => c.core.mbufs.inUse),
    [0, 0],
  );
});

test("export: events the source still carries for the app leave before START, and EV_MOVED names the source's last batch", () => {
  const { w, mail } = twoCores();
  const a = accept(w, knock(w, 1), 77);
  const src = w.cores[a.core];
  const dst = w.cores[1 - a.core];
  src.autoReturn = false; // the app is busy: it owes its return from run_io
  w.peer.sendv(a.peerHandle, [text("one ")]);
  w.settle();
  w.peer.sendv(a.peerHandle, [text("two ")]);
  w.settle();
  assert.equal(received(src, 77), "one ", "'two ' is carried while the app owes its return");

  migrateAway(src, a, 9);
  w.time.settle();
  assert.equal(received(src, 77), "one two ", "the carried event left with the export");
  const last = src.events[src.events.length - 1];
  const start = mail.find((x) => x.m.stage === S.MIG_START)!.m;
  assert.equal(start.sourceEventSeq, last.seq, "START names the source's last EventBatch");
  assert.equal(start.sourceEventSession, last.session);
  assert.ok(Number(start.sourceEventSeq) > 0);

  carry(w, mail);
  w.time.settle();
  const moved = dst.allEvents().filter((e) => e.kind === E.EV_MOVED);
  assert.deepEqual(
    moved.map((e) => [Number(e.cookie), Number(e.afterSeq), Number(e.afterSession)]),
    [[77, Number(last.seq), Number(last.session)]],
    "EV_MOVED carries the mark to the app",
  );
});
