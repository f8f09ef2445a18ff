// What the compose tests (test/deploy-compose.test.ts, test/compose-triangle.test.ts)
// share: the part of testcontainers' API they use (typed here: the package is
// optional), loading it with the reason it cannot be used, the services a user
// gets from `docker compose up` (all but Grafana, which no image here can
// provide), and the image names (from the environment, or built locally).
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");

/** The IX services: each serves /metrics on its admin port, 9100, that Prometheus scrapes. */
export const IX_SERVICES = [
  "nic",
  "dataplane0",
  "dataplane1",
  "dataplane2",
  "dataplane3",
  "app",
  "ixcp",
  "loadgen",
];

/** Every service but grafana (no image can be built here). */
export const COMPOSE_SERVICES = ["nats", ...IX_SERVICES, "prometheus"];

export interface StartedContainer {
  exec(cmd: string[]): Promise<{ output: string; exitCode: number }>;
}
export interface StartedEnvironment {
  getContainer(name: string): StartedContainer;
  down(opts?: { timeout?: number; removeVolumes?: boolean }): Promise<unknown>;
}
export interface ComposeEnvironment {
  withEnvironment(env: Record<string, string>): ComposeEnvironment;
  withProjectName(name: string): ComposeEnvironment;
  withProfiles(...profiles: string[]): ComposeEnvironment;
  withDefaultWaitStrategy(w: unknown): ComposeEnvironment;
  withStartupTimeout(ms: number): ComposeEnvironment;
  withClientOptions(o: { executable: { standalone: true; executablePath: string } }): ComposeEnvironment;
  up(services?: string[]): Promise<StartedEnvironment>;
}
export interface Testcontainers {
  /** `file`: one compose file, or several laid over each other (-f a -f b). */
  DockerComposeEnvironment: new (dir: string, file: string | string[]) => ComposeEnvironment;
  Wait: { forHealthCheck(): unknown };
}

/** True when `cmd args` exits 0 within 15 s. */
export const succeeds = (cmd: string, args: string[]): boolean => {
  try {
    execFileSync(cmd, args, { stdio: "ignore", timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
};

/** testcontainers, or the one-line reason a compose test must skip. */
export async function loadTestcontainers(): Promise<Testcontainers | string> {
  if (!succeeds("docker", ["info"])) return "no Docker engine answers `docker info` (start dockerd)";
  // Ryuk (the reaper) would have to be pulled; `down` in after() cleans up instead.
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= "true";
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= "127.0.0.1";
  const specifier = "testcontainers";
  try {
    return (await import(specifier)) as Testcontainers;
  } catch {
    return "testcontainers is not installed (npm i -D testcontainers@12)";
  }
}

/** Image names: from the environment, or built here by scripts/build-local-images.sh. */
export function composeImages(): Record<string, string> {
  const names = ["IX_IMAGE", "NATS_IMAGE", "PROMETHEUS_IMAGE", "TAP_IMAGE"];
  if (process.env.IX_IMAGE)
    return Object.fromEntries(names.flatMap((n) => (process.env[n] ? [[n, process.env[n]!]] : [])));
  const out = execFileSync("bash", [join(ROOT, "scripts", "build-local-images.sh")], {
    encoding: "utf8",
    timeout: 600_000,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return Object.fromEntries([...out.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
}
