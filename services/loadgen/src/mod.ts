// Public API of @ix/loadgen (ixload). Transport implementers need transport.ts;
// harnesses use runLoad / measureCeiling / the result types.

export type { Conn, Transport, TransportName } from "./transport.ts";
export { getTransport, registerTransport } from "./transport.ts";
export { KernelTransport } from "./kernel-transport.ts";
export type { LoadOptions } from "./options.ts";
export { parseLoadOptions, OptionError } from "./options.ts";
export { runLoad, resolveCeiling } from "./run.ts";
export { runWithAgents, mergeAgentResults } from "./agents.ts";
export { measureCeiling, type CeilingResult } from "./ceiling.ts";
export type { RunResult, StepResult, PingPongPoint, Mode } from "./results.ts";
export { mergeConcurrentSteps, totalsOf } from "./results.ts";
export { LoadRunner, type Phase, type RunnerConfig } from "./runner.ts";
export { OpenLoopConnection } from "./open-loop.ts";
export type { ProtocolClient, ResponseSink, ProtocolName } from "./protocol.ts";
export { MemcachedResponseParser } from "./memcached-parser.ts";
export { MemcachedClient, setRequest } from "./memcached-client.ts";
export { EchoClient } from "./echo-client.ts";
export { KeySpace } from "./keyspace.ts";
export { memcachedWorkload, type MemcachedWorkload, type WorkloadName } from "./workload.ts";
export * from "./distributions.ts";
export { Rng, hashUnit } from "./rng.ts";
export * from "./histogram.ts";
export { startInstantServer, type InstantServer } from "./instant-server.ts";
export { runPingPong } from "./pingpong.ts";
export { plotResults } from "./plot.ts";
export { lineChart, svgDocument, type ChartSpec, type Series } from "./svg.ts";
export { ratePattern, type PatternName } from "./rate-pattern.ts";
