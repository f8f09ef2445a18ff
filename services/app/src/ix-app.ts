// The app's serving half over libix, apart from process concerns (arguments,
// admin server, signals) so tests can run it against a real nats-server: echo
// (TCP and UDP port 7) and memcached (TCP port 11211) sessions, the
// connection gauge and counter. Every connection releases its session and
// the gauge exactly once, through libix's onClosed, whoever closes first (the
// client's FIN, the server after `quit` or a protocol error, a RST or
// timeout, the serving core's death).
import type { NatsConnection } from "@nats-io/transport-node";
import { Counter, Gauge, type Registry } from "prom-client";
import { Ixev, type ConnHandler, type IxevConn } from "@ix/libix";
import { EchoSession } from "./echo.ts";
import { MemcachedSession } from "./memcached/session.ts";
import type { ReplyOut, Session } from "./session.ts";
import type { MemcachedStore } from "./memcached/store.ts";

export const ECHO_PORT = 7;
export const MEMCACHED_PORT = 11211;

export interface IxAppOptions {
  nc: NatsConnection;
  /** Elastic threads (dataplane cores) this app is bound to. */
  cores: number[];
  /** NATS app name (libix adds "#<instance>"). */
  name: string;
  /** The memcached store, shared by every core. */
  store: MemcachedStore;
  /** Where ix_app_connections and ix_app_accepted_total are registered. */
  registry: Registry;
}

/** Listens on the echo and memcached ports on every core; returns the libix instance (close() it to stop). */
export function startIxApp(o: IxAppOptions): Ixev {
  const connections = new Gauge({
    name: "ix_app_connections",
    help: "Open connections by protocol",
    labelNames: ["protocol"],
    registers: [o.registry],
  });
  const accepted = new Counter({
    name: "ix_app_accepted_total",
    help: "Connections accepted by protocol",
    labelNames: ["protocol"],
    registers: [o.registry],
  });

  /** Adapts a byte-stream session (echo, memcached) to a libix connection handler. */
  const sessionHandler = (protocol: string, session: Session): ConnHandler => {
    connections.inc({ protocol });
    accepted.inc({ protocol });
    return new SessionHandler(protocol, session, connections);
  };

  const libix = new Ixev({
    nc: o.nc,
    cores: o.cores,
    app: o.name,
    onKnock(info) {
      if (info.localPort === ECHO_PORT) return sessionHandler("echo", new EchoSession());
      if (info.localPort === MEMCACHED_PORT)
        return sessionHandler("memcached", new MemcachedSession(o.store));
      return null;
    },
    onUdp(dgram, reply) {
      if (dgram.localPort === ECHO_PORT) reply(dgram.data);
    },
  });
  new Counter({
    name: "ix_app_delivery_total",
    help: "Batches lost or repeated between the app and its cores over NATS, by what libix did: syscalls_resent (a SyscallBatch sent again), event_duplicates and event_gaps (EventBatches dropped), event_resend_requests, events_skipped (seqs a core gave up), move_hold_timeouts (a moved connection's new core held 2 s for its old core's last batch)",
    labelNames: ["what"],
    registers: [o.registry],
    collect() {
      const d = libix.delivery();
      this.reset();
      this.inc({ what: "syscalls_resent" }, d.syscallsResent);
      this.inc({ what: "event_duplicates" }, d.eventDuplicates);
      this.inc({ what: "event_gaps" }, d.eventGaps);
      this.inc({ what: "event_resend_requests" }, d.eventResendRequests);
      this.inc({ what: "events_skipped" }, d.eventsSkipped);
      this.inc({ what: "move_hold_timeouts" }, d.moveHoldTimeouts);
    },
  });
  libix.listen(ECHO_PORT);
  libix.listen(MEMCACHED_PORT);
  libix.udpListen(ECHO_PORT);
  return libix;
}

/**
 * One connection's libix handler: its session, and the reply function the
 * session writes to. Methods on the prototype rather than four closures per
 * connection (with 100,000 connections the closures and their context were
 * ~300 bytes of heap each, bench/connections.bench.ts), and the reply
 * function made once per connection, not per received chunk.
 */
class SessionHandler implements ConnHandler {
  private readonly protocol: string;
  private readonly session: Session;
  private readonly gauge: Gauge;
  /** The connection the current onData serves (set before the session runs). */
  private conn: IxevConn | null = null;
  private out: ReplyOut | null = null;

  constructor(protocol: string, session: Session, gauge: Gauge) {
    this.protocol = protocol;
    this.session = session;
    this.gauge = gauge;
  }

  onData(conn: IxevConn, data: Uint8Array): void {
    this.conn = conn;
    this.out ??= (reply) => this.conn?.send(reply);
    // "close": `quit` or a protocol error; the server closes first.
    if (this.session.onData(data, this.out) === "close") conn.close();
  }

  // the stack took these bytes: the session may let items they viewed be reused
  onSent(_conn: IxevConn, bytes: number): void {
    this.session.onSent?.(bytes);
  }

  onPeerClosed(conn: IxevConn): void {
    conn.close();
  }

  // The one release point (libix calls it once per connection).
  onClosed(): void {
    this.gauge.dec({ protocol: this.protocol });
    this.session.dispose?.();
    this.conn = null;
  }
}
