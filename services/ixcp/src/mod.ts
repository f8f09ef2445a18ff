// @ix/ixcp: IX's control plane as a process (src/main.ts, bin `ix-ixcp`): every
// period it reads each dataplane core's load signals, asks a policy how many
// cores should run, then activates or parks cores, migrates flow groups and
// rewrites the NIC's RETA (README.md). Other processes reach it only through
// the bus (ix.ixcp.admin.<verb>, whose contract lives in @ix/bus) and its admin
// HTTP server; no other package imports its code.
//
// What it exports: the policy API, the types a user policy module is written
// against (see examples/delay-band.ts and src/policies/policy.ts):
//   import type { Policy, PolicyInput } from "@ix/ixcp";
// A user policy runs in a sandbox process and may import types only, so this
// surface is types only. Everything else (control loop, actuator, metrics
// sources, built-in policies, loader, sandbox) is internal; tests import it by
// path.
export type {
  Policy,
  PolicyFactory,
  PolicyContext,
  PolicyInput,
  PolicyHistory,
  Decision,
  DecisionRecord,
  IxRules,
  CoreMetrics,
} from "./policies/policy.ts";
