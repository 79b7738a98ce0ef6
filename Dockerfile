# One image for the five processes; docker-compose.yml picks the entry point of each.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY packages packages
COPY services services
COPY gateway gateway
COPY e2e/package.json e2e/package.json
COPY scripts/build-package.mjs scripts/build-package.mjs
RUN npm ci --no-audit --no-fund && npx turbo run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=build /app /app
USER node
