// Credentials are generated per run (or come from the environment in docker
// compose): no secret is ever baked into an image or the repository.
import { randomBytes } from "node:crypto";
import type { ComponentKind, UserEntry } from "./permissions.ts";

export interface BusCredentials {
  /** One server's URL, or a NATS cluster's as a comma-separated list (the preferred server first). */
  url: string;
  user: string;
  password: string;
}

export const newPassword = (): string => randomBytes(18).toString("base64url");

/** One user per component kind (apps bound to `appCores`), fresh passwords. */
export function generateUsers(appCores: number[], extra: UserEntry[] = []): UserEntry[] {
  const kinds: ComponentKind[] = ["nic", "dataplane", "app", "ixcp", "host", "admin"];
  const users = kinds.map((kind) => ({
    user: kind,
    password: newPassword(),
    kind,
    id: kind === "host" ? "*" : kind,
    cores: kind === "app" ? appCores : undefined,
  }));
  return [...users, ...extra];
}

/** The environment a service process gets: its URL, user and password. */
export function credentialEnv(c: BusCredentials): Record<string, string> {
  return { IX_NATS_URL: c.url, IX_NATS_USER: c.user, IX_NATS_PASSWORD: c.password };
}

/** Reads the credentials a process was started with. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): BusCredentials {
  return {
    url: env.IX_NATS_URL ?? "nats://127.0.0.1:4222",
    user: env.IX_NATS_USER ?? "",
    password: env.IX_NATS_PASSWORD ?? "",
  };
}

/**
 * The server URLs in an IX_NATS_URL: "nats://a:4222" or, for a NATS cluster,
 * "nats://a:4222,nats://b:4222,..." (the preferred server first). Blanks and
 * empty entries are dropped.
 */
export function natsServers(url: string): string[] {
  return url
    .split(",")
    .map((u) => u.trim())
    .filter((u) => u !== "");
}
