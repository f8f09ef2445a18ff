// @ix/loadgen (ixload): a mutilate-style open-loop load generator (README.md).
// Public API: transport implementers need transport.ts (Conn, Transport,
// registerTransport); harnesses use runLoad / runWithAgents / measureCeiling /
// runPingPong and the result types; the protocol clients, workloads,
// distributions (Facebook's ETC/USR, Atikoglu et al. 2012), latency histograms
// (HdrHistogram) and the SVG plots are exported for the bench and tests.

export type { Conn, Transport, TransportName } from "./transport.ts";
export { getTransport, registerTransport } from "./transport.ts";
export { KernelTransport } from "./kernel-transport.ts";
export { NatsL2Transport, configureNatsL2, closeNatsL2 } from "./nats-l2/transport.ts";
export type { LoadOptions } from "./options.ts";
export { parseLoadOptions, OptionError } from "./options.ts";
export { runLoad, resolveCeiling } from "./run.ts";
export { runWithAgents, mergeAgentResults } from "./agents.ts";
export { measureCeiling, type CeilingResult } from "./ceiling.ts";
export type { RunResult, StepResult, PingPongPoint, Mode, GeneratorCpu } from "./results.ts";
export { mergeConcurrentSteps, totalsOf, GENERATOR_CPU_LIMIT, GENERATOR_LAG_LIMIT } from "./results.ts";
export { preciseWaker, type Waker, type WakerFactory } from "./wake.ts";
export { LoadRunner, type Phase, type RunnerConfig } from "./runner.ts";
export { OpenLoopConnection } from "./open-loop.ts";
export type { ProtocolClient, ResponseSink, ProtocolName } from "./protocol.ts";
export { MemcachedResponseParser } from "./memcached-parser.ts";
export { MemcachedClient, setRequest } from "./memcached-client.ts";
export { EchoClient } from "./echo-client.ts";
export { KeySpace } from "./keyspace.ts";
export { memcachedWorkload, type MemcachedWorkload, type WorkloadName } from "./workload.ts";
export {
  Fixed,
  Exponential,
  GPareto,
  Gev,
  DiscreteWithTail,
  Rescaled,
  FB_KEY_SIZE,
  FB_VALUE_SIZE,
  FB_INTER_ARRIVAL,
  interArrival,
  type Distribution,
  type InterArrivalKind,
} from "./distributions.ts";
export { Rng, hashUnit } from "./rng.ts";
export {
  newLatencyHistogram,
  recordLatencyUs,
  encodeHistogram,
  decodeHistogram,
  mergeHistograms,
  emptyLatencySummary,
  latencySummary,
  type Histogram,
  type LatencySummaryUs,
} from "./histogram.ts";
export { startInstantServer, type InstantServer } from "./instant-server.ts";
export { runPingPong } from "./pingpong.ts";
export { plotResults, type PlotOptions } from "./plot.ts";
export { chartSpec, svgDocument, type ChartSpec, type Series } from "./svg.ts";
export { ratePattern, type PatternName } from "./rate-pattern.ts";
