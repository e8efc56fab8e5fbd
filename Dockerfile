# One image for every CAU service. The service is chosen when the container starts:
#
#   docker build -t cau .
#   docker run --rm -e CAU_SERVICE=intake -e DATABASE_URL=... -e NATS_URL=... cau
#
# CAU_SERVICE is the folder name under services/ (gateway, intake, routing, resolution, knowledge,
# notifications, reporting, inventory). A per-area resolution instance is CAU_SERVICE=resolution plus CAU_AREA.
# Needs BuildKit (the default builder since Docker 23) for the npm cache mounts. The build reaches only
# the npm registry and the base image; nothing is downloaded at run time.

# Node 24 LTS, the newest release line CI also runs the tests on (.ci/run).
ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------------------
# manifests: the lockfile, .npmrc and every package.json, nothing else. Its output changes only when a
# dependency changes, so the `npm ci` layers below stay cached across source-only changes without
# having to list every workspace here by hand.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json ! -name .npmrc -delete \
 && find . -depth -mindepth 1 -type d -empty -delete

# ---------------------------------------------------------------------------------------------------
# build: all dependencies (TypeScript is a dev dependency), then `tsc -b` for every workspace.
FROM ${NODE_IMAGE} AS build
ENV SCARF_ANALYTICS=false \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
WORKDIR /app
COPY --from=manifests /src/ ./
# --ignore-scripts: no dependency needs an install script to build or run (tsc does the build; the
# only production package with one is a telemetry beacon).
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts
COPY . .
RUN npm run build \
 && npm run build -w @cau/portal \
 && node scripts/bundle.mjs --force \
 && find libs services -name '*.tsbuildinfo' -delete \
 && rm -rf libs/*/node_modules services/*/node_modules

# ---------------------------------------------------------------------------------------------------
# prod-deps: production dependencies only (dev dependencies pruned), from the same lockfile.
FROM ${NODE_IMAGE} AS prod-deps
ENV SCARF_ANALYTICS=false \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
WORKDIR /app
COPY --from=manifests /src/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts

# ---------------------------------------------------------------------------------------------------
# runtime: node_modules (workspace packages are symlinks into libs/ and services/), the compiled
# dist/ folders and each service's bundle (what runs: scripts/bundle.mjs says why), the portal's static
# files, and the health probe. Files stay owned by root; the process runs as `node`.
FROM ${NODE_IMAGE} AS runtime
ARG CAU_SERVICE=gateway
ENV NODE_ENV=production \
    CAU_SERVICE=${CAU_SERVICE} \
    NODE_COMPILE_CACHE=/tmp/node-compile-cache \
    HTTP_HOST=0.0.0.0 \
    LOG_LEVEL=info \
    npm_config_update_notifier=false
LABEL org.opencontainers.image.title="CAU" \
      org.opencontainers.image.description="CAU service desk: one image, every service (choose with CAU_SERVICE)" \
      org.opencontainers.image.licenses="AGPL-3.0-or-later"
WORKDIR /app
COPY --from=prod-deps /app/ ./
COPY --from=build /app/libs ./libs
COPY --from=build /app/services ./services
# The portal's static build, served by the gateway at / (PORTAL_DIR defaults to ./portal/dist).
COPY --from=build /app/portal/dist ./portal/dist
COPY deploy/docker/healthcheck.cjs ./deploy/docker/healthcheck.cjs
USER node
# Gateway API; the other services serve only /health and /metrics on their own port.
EXPOSE 3000 3101 3102 3103 3104 3105 3106 3107
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "deploy/docker/healthcheck.cjs"]
# The services drain NATS and finish in-flight work on SIGTERM; `exec` replaces the shell with node,
# so node itself receives the signal.
STOPSIGNAL SIGTERM
CMD ["/bin/sh", "-c", "exec node services/${CAU_SERVICE}/bundle/main.mjs"]
