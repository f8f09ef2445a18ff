// The permission matrix (issue 5, issue 14): for each component kind, one
// allowed and several forbidden publishes, and how to try one against real
// nats-servers. Shared by lib/bus/test/permissions.test.ts (one server, a
// 3-server cluster on loopback) and test/hosts-tap.test.ts (a cluster of
// hosts). A forbidden publish must be refused by the client's own server
// (the client sees a permissions violation and the observer receives
// nothing); an allowed one must arrive, across a route when the observer is
// on another server.
//
// Kinds are the generated users' ("nic", "dataplane", "app", ...), with
// "app" an app granted core 0 only and "app-core1" one granted core 1 only;
// each test's `connectAs` maps a kind to a user of its servers.
import assert from "node:assert/strict";
import { PermissionViolationError, type NatsConnection } from "@nats-io/transport-node";
import { subjects as S } from "../src/mod.ts";

export interface PermissionCase {
  /** Who publishes. */
  kind: string;
  /** Who subscribes to see whether it arrived (a kind allowed to read the subject). */
  observer: string;
  subject: string;
  allowed: boolean;
}

export const PERMISSION_CASES: readonly PermissionCase[] = [
  { kind: "app", observer: "dataplane", subject: S.coreSys(0), allowed: true },
  { kind: "app", observer: "dataplane", subject: S.coreSys(1), allowed: false },
  { kind: "app", observer: "nic", subject: S.nicTx(0), allowed: false },
  { kind: "app", observer: "nic", subject: S.NIC_RETA_SET, allowed: false },
  { kind: "app", observer: "dataplane", subject: S.coreCtl(0), allowed: false },
  { kind: "app-core1", observer: "dataplane", subject: S.coreSys(1), allowed: true },
  { kind: "app-core1", observer: "dataplane", subject: S.coreSys(0), allowed: false },
  { kind: "dataplane", observer: "nic", subject: S.nicTx(0), allowed: true },
  { kind: "dataplane", observer: "dataplane", subject: S.coreCtl(1), allowed: false },
  { kind: "dataplane", observer: "nic", subject: S.NIC_RETA_SET, allowed: false },
  { kind: "dataplane", observer: "dataplane", subject: S.nicRx(0), allowed: false },
  { kind: "ixcp", observer: "dataplane", subject: S.coreCtl(1), allowed: true },
  { kind: "ixcp", observer: "nic", subject: S.NIC_RETA_SET, allowed: true },
  { kind: "ixcp", observer: "dataplane", subject: S.nicRx(0), allowed: false },
  { kind: "nic", observer: "dataplane", subject: S.nicRx(0), allowed: true },
  { kind: "nic", observer: "dataplane", subject: S.coreCtl(0), allowed: false },
  { kind: "host", observer: "nic", subject: S.l2Tx("h1"), allowed: true },
  { kind: "host", observer: "dataplane", subject: S.nicRx(0), allowed: false },
  { kind: "admin", observer: "ixcp", subject: S.ixcpAdmin("status"), allowed: true },
  { kind: "admin", observer: "nic", subject: S.NIC_RETA_SET, allowed: false },
  { kind: "admin", observer: "dataplane", subject: S.coreCtl(0), allowed: false },
];

/** A connection as `kind` to server `on` (0-based; a single server ignores it). */
export type ConnectAs = (kind: string, on?: number) => Promise<NatsConnection>;

/**
 * Cluster: resolves once server `on` knows of the observer's subscriptions
 * made so far. A route carries a server's subscription changes and its
 * messages in order, so when a probe the observer publishes afterwards
 * reaches a listener on server `on`, the interest is there too. Repeated
 * while the listener's own interest may still be crossing.
 */
export async function interestCrossed(
  connectAs: ConnectAs,
  observer: NatsConnection,
  kind: string,
  on: number,
): Promise<void> {
  const token = `${kind}-${Math.random().toString(36).slice(2)}`;
  const listener = await connectAs("ixcp", on);
  const sub = listener.subscribe(S.status(kind, "probe"));
  await listener.flush();
  let seen = false;
  const got = (async () => {
    for await (const m of sub)
      if (new TextDecoder().decode(m.data) === token) {
        seen = true;
        return;
      }
  })();
  const deadline = Date.now() + 10_000;
  while (!seen && Date.now() < deadline) {
    observer.publish(S.status(kind, "probe"), token);
    await observer.flush();
    await new Promise((r) => setTimeout(r, 50));
  }
  sub.unsubscribe();
  await got;
  await listener.close();
  assert.ok(seen, `a probe from the ${kind} observer never reached server ${on + 1} in 10 s`);
}

/**
 * Publishes one byte from `from` and reports whether `observer` saw it and
 * whether `from`'s server refused it. With `cross`, waits first until the
 * observer's interest reached server `cross.on` (the publisher's).
 */
export async function tryPublish(
  from: NatsConnection,
  observer: NatsConnection,
  subject: string,
  cross?: { connectAs: ConnectAs; kind: string; on: number },
): Promise<{ delivered: boolean; refused: boolean }> {
  let refused = false;
  const watcher = (async () => {
    for await (const s of from.status()) {
      if (s.type === "error" && s.error instanceof PermissionViolationError) refused = true;
    }
  })();
  void watcher;
  const sub = observer.subscribe(subject, { max: 1 });
  await observer.flush();
  if (cross) await interestCrossed(cross.connectAs, observer, cross.kind, cross.on);
  let delivered = false;
  const got = (async () => {
    for await (const _ of sub) delivered = true;
  })();
  from.publish(subject, new Uint8Array([1]));
  await from.flush().catch(() => undefined);
  // One verdict or the other comes (bounded generously for a busy machine),
  // then a little longer: a delivery after a refusal is a defect to see.
  const deadline = Date.now() + 5000;
  while (!delivered && !refused && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 150));
  sub.unsubscribe();
  await got;
  return { delivered, refused };
}

/**
 * Every case with the publisher on server `on` and the observer on server
 * `other`; asserts each verdict, naming the case. Connections are closed
 * after each case.
 */
export async function checkMatrixAcross(connectAs: ConnectAs, on: number, other: number): Promise<void> {
  for (const c of PERMISSION_CASES) {
    const from = await connectAs(c.kind, on);
    const observer = await connectAs(c.observer, other);
    const r = await tryPublish(from, observer, c.subject, { connectAs, kind: c.observer, on });
    await from.close();
    await observer.close();
    const what = `${c.kind} -> ${c.subject} on server ${on + 1}`;
    assert.equal(r.delivered, c.allowed, `delivery across the route: ${what}`);
    assert.equal(r.refused, !c.allowed, `refusal by the client's own server: ${what}`);
  }
}
