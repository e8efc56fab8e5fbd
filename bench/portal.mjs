// Portal benchmark, in Debian's Chromium (Playwright) against the whole platform serving the portal's build:
//  - the gzipped JavaScript and CSS the first page loads (the sign-in page, and "Mis solicitudes" once
//    signed in), as the gateway serves them (.gz files written by the build);
//  - the time from navigation to a rendered "Mis solicitudes" with 50 tickets, and from pressing "Enviar
//    el reporte" to the ticket's number on screen: median and p90 of --runs (default 20), plus the
//    first, cold run.
// Options: --runs 20 --tickets 50
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { allocatePort, startTestPlatform } from '@cau/testing';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, tickets: { type: 'string', default: '50' } },
});
const runs = Number(values.runs);
const ticketCount = Number(values.tickets);
const root = process.cwd();
const dist = path.join(root, 'portal', 'dist');

console.log('Building services and the portal…');
spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { stdio: 'inherit' });
if (spawnSync('npm', ['run', 'build', '-w', '@cau/portal'], { stdio: 'ignore' }).status !== 0) {
  console.error('The portal build failed: run "npm run build -w @cau/portal" to see why.');
  process.exit(1);
}

const gatewayPort = allocatePort();
const base = `http://127.0.0.1:${gatewayPort}`;
console.log('Starting the platform…');
const platform = await startTestPlatform('benchportal', {
  gatewayPort,
  env: { PORTAL_DIR: dist, PORTAL_URL: base, AUTH_RATE_LIMIT: '100000', LOG_LEVEL: 'warn' },
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

async function api(method, url, body, token, headers = {}) {
  const answer = await fetch(`${base}/api/v1${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${method} ${url}: ${answer.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
const token = async (email, password) => (await api('POST', '/auth/token', { email, password })).accessToken;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return (
    `median ${percentile(sorted, 50).toFixed(0)} ms, p90 ${percentile(sorted, 90).toFixed(0)} ms, ` +
    `min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms (${samples.length} runs)`
  );
};

/** Gzipped bytes of the scripts and styles a page loaded, as the gateway serves them (.gz beside each asset). */
async function firstLoad(page, url, ready) {
  const assets = new Set();
  const onResponse = (response) => {
    const { pathname } = new URL(response.url());
    if (/\.(js|css)$/.test(pathname)) assets.add(pathname);
  };
  page.on('response', onResponse);
  await page.goto(url);
  await ready();
  page.off('response', onResponse);
  let js = 0;
  let css = 0;
  for (const asset of assets) {
    const size = statSync(path.join(dist, `${asset}.gz`)).size;
    if (asset.endsWith('.js')) js += size;
    else css += size;
  }
  return { js, css, files: assets.size };
}
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

try {
  const adminToken = await token(platform.admin.email, platform.admin.password);
  const password = 'clave-benchmark-portal';
  const requester = { email: 'ana.bench@salud.gob.ar', name: 'Ana Benchmark' };
  await api('POST', '/accounts', { ...requester, password, role: 'requester', jurisdiction: 'SALUD' }, adminToken);
  await api(
    'POST',
    '/accounts',
    { email: 'op.bench@cau.gob.ar', name: 'Op', password, role: 'operator', area: 'L1' },
    adminToken,
  );
  const operatorToken = await token('op.bench@cau.gob.ar', password);
  console.log(`Registering ${ticketCount} tickets for the requester…`);
  for (let i = 1; i <= ticketCount; i++) {
    await api(
      'POST',
      '/tickets',
      {
        channel: 'telefono',
        requester,
        jurisdiction: 'SALUD',
        title: `Problema de prueba número ${i}`,
        description: 'Registrado para el benchmark del portal.',
        type: 'incidente',
        category: 'impresoras',
        impact: 'bajo',
        urgency: 'media',
      },
      operatorToken,
      { 'Idempotency-Key': `bench-portal-${i}` },
    );
  }
  const requesterToken = await token(requester.email, password);
  for (;;) {
    const page = await api('GET', '/tickets?limit=50', undefined, requesterToken);
    if (page.items.length >= Math.min(ticketCount, 50)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  // First page loads, cold cache.
  const cold = await browser.newContext();
  const coldPage = await cold.newPage();
  const login = await firstLoad(coldPage, `${base}/ingresar`, () =>
    coldPage.getByRole('button', { name: 'Ingresar' }).waitFor(),
  );
  await coldPage.getByLabel('Correo electrónico').fill(requester.email);
  await coldPage.getByLabel('Contraseña').fill(password);
  await coldPage.getByRole('button', { name: 'Ingresar' }).click();
  await coldPage.getByRole('heading', { name: 'Mis solicitudes' }).waitFor();
  const state = await cold.storageState();
  await cold.close();
  const listContext = await browser.newContext({ storageState: state });
  const listPage = await listContext.newPage();
  const rows = listPage.locator('table tbody tr');
  const list = await firstLoad(listPage, `${base}/tickets`, () => rows.nth(Math.min(ticketCount, 50) - 1).waitFor());

  // Navigation to a rendered list of 50, HTTP cache warm as for a person who used the portal before.
  const listTimes = [];
  for (let i = 0; i < runs + 1; i++) {
    const started = performance.now();
    await listPage.goto(`${base}/tickets`);
    await rows.nth(Math.min(ticketCount, 50) - 1).waitFor();
    listTimes.push(performance.now() - started);
  }
  const [listCold, ...listWarm] = listTimes;

  // A submitted report: from pressing the button to the number on screen.
  const reportTimes = [];
  for (let i = 0; i < runs; i++) {
    await listPage.goto(`${base}/tickets/nuevo`);
    await listPage.getByLabel('¿Qué problema tiene?').fill(`Reporte del benchmark ${i}`);
    await listPage.getByLabel('Describa qué pasó').fill('La impresora del piso 2 no imprime desde la mañana.');
    await listPage.getByLabel('Algo no funciona').check();
    await listPage.getByRole('combobox', { name: /¿Sobre qué es\?/ }).click();
    await listPage.getByRole('option', { name: /Impresoras/ }).click();
    await listPage.getByLabel('Solo a mí').check();
    await listPage.getByLabel('Puede esperar').check();
    const started = performance.now();
    await listPage.getByRole('button', { name: 'Enviar el reporte' }).click();
    await listPage.getByText(/Su número de ticket es \d+/).waitFor();
    reportTimes.push(performance.now() - started);
  }
  await listContext.close();

  const jsFiles = readFileSync(path.join(dist, 'index.html'), 'utf8').match(/assets\/[^"]+\.js/g) ?? [];
  console.log(`
Portal benchmark (${runs} runs; Chromium ${browser.version()}; platform on this machine)
  First page, sign-in:        JS ${kB(login.js)} + CSS ${kB(login.css)} = ${kB(login.js + login.css)} gzipped (${login.files} files)
  First page, Mis solicitudes: JS ${kB(list.js)} + CSS ${kB(list.css)} = ${kB(list.js + list.css)} gzipped (${list.files} files)   target ≤ 250 kB
  Entry script(s) in index.html: ${jsFiles.join(', ')}
  Mis solicitudes with ${Math.min(ticketCount, 50)} tickets, navigation to rendered: ${summary(listWarm)}; first (cold) ${listCold.toFixed(0)} ms   target ≤ 1000 ms
  Report submitted (click to number on screen): ${summary(reportTimes)}   target ≤ 1000 ms`);
} finally {
  await browser.close();
  await platform.stop();
}
