// Runs test/clients/echo_client.py inside a test's network namespace in the
// background: Linux TCP connections that stream data through the echo app and
// verify every byte. `ready` resolves once every connection is open (when
// asked for), `done` with the client's JSON result and exit code.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT, HOST_IP } from "@ix/cluster";

export interface EchoResult {
  verified: number;
  expected: number;
  ports: number[];
  failures: { conn: number; got: number; error: string }[];
}

export interface EchoClient {
  child: ChildProcess;
  ready: Promise<void>;
  done: Promise<{ code: number | null; result: EchoResult }>;
}

/**
 * The command line of test/clients/echo_client.py against the cluster's host:
 * `bytes` in all over `conns` connections, giving up after `timeoutS`
 * seconds; `ready`: print a line once every connection is open.
 */
export function echoClientArgv(o: {
  conns: number;
  bytes: number;
  timeoutS: number;
  ready?: boolean;
}): string[] {
  const argv = ["python3", join(REPO_ROOT, "test", "clients", "echo_client.py"), "--host", HOST_IP];
  argv.push("--conns", String(o.conns), "--bytes", String(o.bytes), "--timeout", String(o.timeoutS));
  if (o.ready) argv.push("--ready");
  return argv;
}

export function startEchoClient(
  ns: string,
  o: { conns: number; bytes: number; timeoutS: number; ready?: boolean },
): EchoClient {
  const args = ["netns", "exec", ns, ...echoClientArgv(o)];
  const child = spawn("ip", args, { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
    if (out.includes('"ready"')) markReady();
  });
  const done = new Promise<{ code: number | null; result: EchoResult }>((resolve, reject) =>
    child.once("exit", (code) => {
      // The result is the last line (a ready line may precede it).
      try {
        resolve({ code, result: JSON.parse(out.trim().split("\n").pop()!) as EchoResult });
      } catch {
        reject(new Error(`echo client exited (${code}) without a result: ${out}`));
      }
    }),
  );
  return { child, ready, done };
}
