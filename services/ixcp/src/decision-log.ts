// Every decision IXCP takes (steps, dead cores, migrations, policy changes,
// refusals) is one JSON line on stdout, one message on ix.ixcp.decisions and
// one entry in a bounded in-memory list (GET /decisions).
import type { NatsConnection } from "@nats-io/transport-node";
import { subjects as S } from "@ix/bus";
import type { DecisionRecord } from "./policies/policy.ts";
import { reasonCode } from "./policies/policy.ts";
import type { IxcpMetrics } from "./ixcp-metrics.ts";

export interface DecisionEntry extends DecisionRecord {
  [extra: string]: unknown;
}

export class DecisionLog {
  readonly entries: DecisionEntry[] = [];
  private readonly limit: number;
  private readonly sinks: {
    nc?: NatsConnection;
    metrics?: IxcpMetrics;
    print?: (line: string) => void;
  };

  constructor(
    sinks: { nc?: NatsConnection; metrics?: IxcpMetrics; print?: (line: string) => void } = {},
    limit = 500,
  ) {
    this.sinks = sinks;
    this.limit = limit;
  }

  record(entry: DecisionEntry): DecisionEntry {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    const line = JSON.stringify({ event: "decision", time: new Date(entry.at).toISOString(), ...entry });
    (this.sinks.print ?? console.log)(line);
    this.sinks.metrics?.decisions.inc({ action: entry.action, reason: reasonCode(entry.reason) });
    const nc = this.sinks.nc;
    if (nc && !nc.isClosed()) nc.publish(S.IXCP_DECISIONS, new TextEncoder().encode(line));
    return entry;
  }

  recent(n = 50): DecisionEntry[] {
    return this.entries.slice(-n);
  }
}
