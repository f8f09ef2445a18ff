// How ixctl finds the cluster: IX_NATS_* variables, or the .ix/cluster.json
// that `npm start` writes (with the admin user's credentials, mode 600).
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface ClusterState {
  natsUrl: string;
  admin: { user: string; password: string };
  nic?: string;
  cores: string[];
  app?: string;
}

export function findState(cwd = process.cwd(), env = process.env): ClusterState | undefined {
  if (env.IX_NATS_URL) {
    return {
      natsUrl: env.IX_NATS_URL,
      admin: { user: env.IX_NATS_USER ?? "", password: env.IX_NATS_PASSWORD ?? "" },
      cores: (env.IX_CORE_ADMIN_URLS ?? "").split(",").filter(Boolean),
    };
  }
  const file = env.IX_STATE ?? join(cwd, ".ix", "cluster.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ClusterState;
  } catch {
    return undefined;
  }
}
