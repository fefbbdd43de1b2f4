# syntax=docker/dockerfile:1
# Tessera: one image for both processes.
#   API (default):  node dist/api/main.js
#   Worker:         node dist/worker/main.js

############################
# build: compile TypeScript
############################
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Dependencies first, so source edits don't invalidate the npm layer.
# patches/ is applied by npm ci's postinstall (patch-package).
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund

COPY . .
RUN npm run build && npm run build:web

############################
# runtime
############################
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    TESSERA_DATA_DIR=/data
WORKDIR /app

# /data is the image store (a volume shared by api and worker); create it owned by `node` so a fresh
# named volume mounted there inherits that ownership.
RUN mkdir -p /data && chown node:node /app /data

USER node

COPY --chown=node:node package.json package-lock.json ./
COPY --chown=node:node patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY --chown=node:node --from=build /app/dist ./dist
# The web app beside the compiled API, where api/web.ts looks for it (../web/dist from dist/api).
COPY --chown=node:node --from=build /app/web/dist ./dist/web/dist

EXPOSE 3000

# No curl in the slim image: use node's built-in fetch. (The worker service overrides/disables this.)
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/api/main.js"]
