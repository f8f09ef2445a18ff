# One image for every IX service; the command picks the service, e.g.
#   docker run IMAGE node services/nic/src/main.ts
# Node 24 runs the .ts sources directly (type stripping) and proto/gen is
# committed, so there is no build step: the image is production dependencies
# plus sources. BASE_IMAGE lets a machine without a registry use a local
# stand-in (scripts/build-local-images.sh). Only plain Dockerfile features
# (no BuildKit syntax), so the classic builder of Docker 20.10 builds it too.
ARG BASE_IMAGE=node:24-bookworm-slim

# Stage 1: the package manifests alone, at their workspace paths, so the
# `npm ci` layer below stays cached until a package.json or the lock changes.
# (COPY cannot glob directories while keeping paths; node can, without a shell.)
FROM ${BASE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN ["node", "-e", "const fs = require('fs'), path = require('path'); const out = '/manifests'; const put = (f) => { fs.mkdirSync(path.join(out, path.dirname(f)), { recursive: true }); fs.copyFileSync(f, path.join(out, f)); }; put('package.json'); put('package-lock.json'); for (const ws of require('/src/package.json').workspaces) { const dirs = ws.endsWith('/*') ? fs.readdirSync(ws.slice(0, -2)).map((d) => ws.slice(0, -1) + d) : [ws]; for (const d of dirs) if (fs.existsSync(d + '/package.json')) put(d + '/package.json'); }"]

# Stage 2: production dependencies only (workspace links included).
FROM ${BASE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN ["npm", "ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"]

# Stage 3: the runtime: dependencies, then sources (.dockerignore drops tests).
FROM ${BASE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/ ./
COPY proto/ ./proto/
COPY lib/ ./lib/
COPY services/ ./services/
ENV PATH=/app/node_modules/.bin:$PATH
USER node
CMD ["node", "services/nic/src/main.ts"]
