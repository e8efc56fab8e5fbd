/**
 * Checks once, before any test file runs, that the PostgreSQL and NATS the tests use are reachable,
 * and says which ones, so a failure reads "NATS is down" rather than a timeout in some test.
 */
const net = require('node:net');

function reachable(url, defaultPort) {
  const parsed = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: parsed.hostname, port: Number(parsed.port || defaultPort) });
    socket.setTimeout(3000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

module.exports = async function globalSetup() {
  const database =
    process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const nats = process.env.NATS_URL || 'nats://127.0.0.1:4222';
  const missing = [];
  if (!(await reachable(database, 5432))) missing.push(`PostgreSQL at ${database}`);
  if (!(await reachable(nats, 4222))) missing.push(`NATS at ${nats}`);
  if (missing.length > 0) {
    throw new Error(
      `Test infrastructure is not reachable: ${missing.join(', ')}. Start it (see README "Running the tests").`,
    );
  }
  // Every contract check the tests make (theirs and the services' they start) is also made by class-validator,
  // and a different verdict throws (libs/contracts/src/validation.ts).
  process.env.CAU_CONTRACT_CROSS_CHECK ??= '1';
  console.log(`\nTests use PostgreSQL ${database.replace(/\/\/[^@]*@/, '//')} and NATS ${nats}.`);
  if (!process.env.OPENSEARCH_URL) console.log('OPENSEARCH_URL is not set: OpenSearch tests will be skipped.');
};
