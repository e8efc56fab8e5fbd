// Container health probe: exits 0 when GET /health of the service in this container answers 200
// (the service answers 503 while its database or NATS connection is down). Used by the Dockerfile's
// HEALTHCHECK and by docker-compose.yml. CommonJS and no dependencies, so it runs with plain `node`.
'use strict';

const DEFAULT_PORTS = {
  gateway: 3000,
  intake: 3101,
  routing: 3102,
  resolution: 3103,
  knowledge: 3104,
  notifications: 3105,
  reporting: 3106,
  inventory: 3107,
};

const service = process.env.CAU_SERVICE || 'gateway';
const port = process.env[`${service.toUpperCase()}_PORT`] || DEFAULT_PORTS[service];
if (!port) {
  process.stderr.write(`healthcheck: unknown CAU_SERVICE "${service}" and no ${service.toUpperCase()}_PORT\n`);
  process.exit(1);
}
const bind = process.env.HTTP_HOST;
const host = !bind || bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind.includes(':') ? `[${bind}]` : bind;
const url = `http://${host}:${port}/health`;

fetch(url, { signal: AbortSignal.timeout(4000) }).then(
  async (response) => {
    if (response.ok) process.exit(0);
    process.stderr.write(`healthcheck: ${url} answered ${response.status}: ${await response.text()}\n`);
    process.exit(1);
  },
  (error) => {
    process.stderr.write(`healthcheck: ${url} failed: ${error && error.message ? error.message : error}\n`);
    process.exit(1);
  },
);
