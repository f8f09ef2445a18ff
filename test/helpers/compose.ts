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

/** Where a compose project lives, to inspect or remove it without testcontainers. */
export interface ComposeProject {
  project: string;
  /** The compose files, relative to deploy/. */
  files: string[];
  /** `docker compose` (v2) rather than `docker-compose` (v1). */
  v2: boolean;
}

/**
 * The compose environment of project `p` from deploy/, waiting on every
 * healthcheck for at most `startupMs`, with `env` for compose's variables;
 * under docker-compose v1 (Debian 12's 1.29) its standalone executable.
 */
export function composeEnvironment(
  tc: Testcontainers,
  p: ComposeProject,
  env: Record<string, string>,
  startupMs: number,
): ComposeEnvironment {
  const compose = new tc.DockerComposeEnvironment(join(ROOT, "deploy"), p.files)
    .withProjectName(p.project)
    .withEnvironment(env)
    .withDefaultWaitStrategy(tc.Wait.forHealthCheck())
    .withStartupTimeout(startupMs);
  return p.v2
    ? compose
    : compose.withClientOptions({ executable: { standalone: true, executablePath: "docker-compose" } });
}

function composeCli(p: ComposeProject, args: string[]): string {
  const files = p.files.flatMap((f) => ["-f", f]);
  const argv = p.v2 ? ["compose", "-p", p.project, ...files, ...args] : ["-p", p.project, ...files, ...args];
  return execFileSync(p.v2 ? "docker" : "docker-compose", argv, {
    cwd: join(ROOT, "deploy"),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120_000,
  });
}

/** Each container's state and health, and the last log lines of those not healthy. */
function composeDiagnosis(p: ComposeProject): string {
  try {
    const ps = execFileSync(
      "docker",
      ["ps", "-a", "--filter", `name=${p.project}`, "--format", "{{.Names}} {{.Status}}"],
      { encoding: "utf8", timeout: 30_000 },
    );
    let out = ps;
    for (const line of ps.split("\n")) {
      const name = line.split(" ")[0];
      if (name === "" || /\(healthy\)/.test(line)) continue;
      const logs = execFileSync("docker", ["logs", "--tail", "15", name], {
        encoding: "utf8",
        timeout: 30_000,
        stdio: ["ignore", "pipe", "pipe"],
      });
      out += `--- ${name}\n${logs}`;
    }
    return out;
  } catch (e) {
    return `(no diagnosis: ${(e as Error).message})`;
  }
}

/**
 * `compose.up(services)`, waiting on every healthcheck. A start that leaves a
 * service unhealthy is diagnosed (each container's state, the logs of those
 * not healthy, printed as a test diagnostic through `log`), torn down and
 * tried once more: on a machine busy with other work a Node service's first
 * checks can miss; a second failure is the test's failure, with both
 * diagnoses in its message.
 */
export async function composeUp(
  compose: ComposeEnvironment,
  services: string[],
  p: ComposeProject,
  log: (line: string) => void = (l) => console.error(l),
): Promise<StartedEnvironment> {
  const diagnoses: string[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      return await compose.up(services);
    } catch (e) {
      const d = composeDiagnosis(p);
      diagnoses.push(`attempt ${attempt}: ${(e as Error).message}\n${d}`);
      log(`compose up of ${p.project}, attempt ${attempt}, failed: ${(e as Error).message}\n${d}`);
      try {
        // Every container of the project (a profile's too), then its networks and volumes.
        const ids = execFileSync("docker", ["ps", "-aq", "--filter", `name=${p.project}`], {
          encoding: "utf8",
          timeout: 30_000,
        })
          .split("\n")
          .filter((id) => id !== "");
        if (ids.length > 0)
          execFileSync("docker", ["rm", "-f", ...ids], { stdio: "ignore", timeout: 120_000 });
        composeCli(p, ["down", "-v"]);
      } catch {
        // already gone
      }
      if (attempt === 2) throw new Error(diagnoses.join("\n"));
    }
  }
}
