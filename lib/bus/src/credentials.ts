// Credentials are generated per run (or come from the environment in docker
// compose): no secret is ever baked into an image or the repository.
import { randomBytes } from "node:crypto";
import type { ComponentKind, UserEntry } from "./permissions.ts";

export interface BusCredentials {
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
