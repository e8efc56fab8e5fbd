// `npm start`: runs the whole platform on this machine — every service as its own process, against
// DATABASE_URL / NATS_URL when set, otherwise the local PostgreSQL and NATS — and says where it is.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const varDir = path.join(root, 'var');
mkdirSync(path.join(varDir, 'log'), { recursive: true });

const SERVICES = [
  ['intake', 'INTAKE_PORT', 3101],
  ['routing', 'ROUTING_PORT', 3102],
  ['resolution', 'RESOLUTION_PORT', 3103],
  ['knowledge', 'KNOWLEDGE_PORT', 3104],
  ['notifications', 'NOTIFICATIONS_PORT', 3105],
  ['reporting', 'REPORTING_PORT', 3106],
  ['inventory', 'INVENTORY_PORT', 3107],
  ['gateway', 'GATEWAY_PORT', 3000],
];

const env = { ...process.env };
env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/cau';
env.NATS_URL ??= 'nats://127.0.0.1:4222';
// Links in mails open the portal this gateway serves.
env.PORTAL_URL ??= `http://127.0.0.1:${env.GATEWAY_PORT ?? 3000}`;
// Attachment bytes (gateway), unless an S3 endpoint or another directory is given.
env.ATTACHMENTS_DIR ??= path.join(varDir, 'attachments');
// Node 22.1+ keeps the services' compiled code here between starts (scripts/bundle.mjs says why); 20 ignores it.
env.NODE_COMPILE_CACHE ??= path.join(varDir, 'compile-cache');

function reachable(url, defaultPort) {
  const parsed = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: parsed.hostname, port: Number(parsed.port || defaultPort) });
    socket.setTimeout(3000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const missing = [];
if (!(await reachable(env.DATABASE_URL, 5432)))
  missing.push(`PostgreSQL (${env.DATABASE_URL.replace(/\/\/[^@]*@/, '//')})`);
if (!(await reachable(env.NATS_URL, 4222))) missing.push(`NATS (${env.NATS_URL})`);
if (missing.length > 0) {
  console.error(`Cannot reach ${missing.join(' and ')}.
Start them, or point DATABASE_URL / NATS_URL elsewhere. On a Debian machine with the packages installed:
  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
Or, with Docker: docker compose up`);
  process.exit(1);
}

// Development secrets are generated once and kept in var/, so tokens and the admin password survive restarts.
const secretsFile = path.join(varDir, 'dev-secrets.json');
const secrets = existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, 'utf8')) : {};
secrets.jwtSecret ??= randomBytes(32).toString('hex');
secrets.surveyLinkSecret ??= randomBytes(32).toString('hex');
secrets.adminPassword ??= randomBytes(9).toString('base64url');
writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
env.JWT_SECRET ??= secrets.jwtSecret;
env.SURVEY_LINK_SECRET ??= secrets.surveyLinkSecret;
env.CAU_ADMIN_EMAIL ??= 'admin@cau.local';
env.CAU_ADMIN_NAME ??= 'Administración CAU';
const adminPasswordFromEnv = Boolean(env.CAU_ADMIN_PASSWORD);
env.CAU_ADMIN_PASSWORD ??= secrets.adminPassword;

const children = new Map();
let stopping = false;

function launch(name, script, extraEnv = {}) {
  const log = createWriteStream(path.join(varDir, 'log', `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  child.stdout.on('data', (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (/"level":(50|60)/.test(line)) process.stderr.write(`[${name}] ${line}\n`);
    }
  });
  child.once('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[${name}] exited (${signal ?? code}); see var/log/${name}.log. Restarting in 2 s…`);
      setTimeout(() => !stopping && launch(name, script, extraEnv), 2000);
    }
  });
  children.set(name, child);
}

if (!env.SMTP_URL) {
  const port = env.DEV_MAILBOX_PORT ?? '2525';
  env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  launch('dev-mailbox', path.join(root, 'services/notifications/dist/dev-mailbox.js'), {
    DEV_MAILBOX_PORT: port,
    DEV_MAILBOX_DIR: path.join(varDir, 'mail'),
  });
}

// Each service runs as one bundled file (scripts/bundle.mjs, run by `prestart`): it starts in about half the time.
for (const [name] of SERVICES) launch(name, path.join(root, 'services', name, 'bundle', 'main.mjs'));

async function healthy(port) {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).ok;
  } catch {
    return false;
  }
}
const deadline = Date.now() + 60_000;
for (const [name, variable, fallback] of SERVICES) {
  const port = env[variable] ?? fallback;
  while (!(await healthy(port))) {
    if (Date.now() > deadline) {
      console.error(`${name} did not become healthy within 60 s; see var/log/${name}.log`);
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const gateway = `http://127.0.0.1:${env.GATEWAY_PORT ?? 3000}`;
console.log(`
CAU is running.
  Portal:         ${gateway}/   (sign in with the administrator below, or create accounts for requesters)
  API:            ${gateway}/api/v1
  API docs:       ${gateway}/api/docs   (OpenAPI JSON: ${gateway}/api/docs-json)
  Administrator:  ${env.CAU_ADMIN_EMAIL} / ${adminPasswordFromEnv ? '(from CAU_ADMIN_PASSWORD)' : env.CAU_ADMIN_PASSWORD}
  Get a token:    curl -s ${gateway}/api/v1/auth/token -H 'content-type: application/json' \\
                    -d '{"email":"${env.CAU_ADMIN_EMAIL}","password":"…"}'
  Mail:           ${process.env.SMTP_URL ? env.SMTP_URL : `development mailbox on ${env.SMTP_URL}, messages in var/mail/`}
  Logs:           var/log/<service>.log
Press Ctrl+C to stop.`);

function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  for (const child of children.values()) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 15_000);
  const wait = setInterval(() => {
    if (children.size === 0) {
      clearInterval(wait);
      clearTimeout(force);
      process.exit(0);
    }
  }, 100);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
