// Portal benchmark, in Debian's Chromium (Playwright) against the whole platform serving the portal's build:
//  - the gzipped JavaScript and CSS the first page loads (the sign-in page, and "Mis solicitudes" once
//    signed in), as the gateway serves them (.gz files written by the build);
//  - the time from navigation to a rendered "Mis solicitudes" with 50 tickets, and from pressing "Enviar
//    el reporte" to the ticket's number on screen: median and p90 of --runs (default 20), plus the
//    first, cold run;
//  - the desk console: the staff ticket workspace with a --events (default 200) step timeline, from
//    navigation to its last step on screen (a new tab's also as the page saw it, with the moment its first step,
//    drawn last, was painted; and the ticket's read alone through the API, to tell the server's part); an action's round trip (a reply sent in the workspace, from the
//    click to the reply in the timeline) while --agents (default 50) agents work at once, each acting every
//    --think ms (default 10,000: a busy agent's pace) on a ticket of their own through the API;
//  - the console queue with --queue-tickets (default 100,000) tickets in reporting's view (written with
//    SQL, as `npm run bench -- queues` does): from navigation (from a light page of the portal) to the first rows on screen, and from
//    "Cargar más" to the next page's rows, until 500 rows are in the list; then the frames while scrolling
//    through those 500 rows; and the first rows when an agent comes back to the queue from another page of the
//    console (the "Consola" link pressed on the desk's registration page, freshly loaded);
//  - the reports dashboard for the year 2025 by area over --dashboard-tickets (default 1,000,000) tickets of
//    reporting's benchmark data (bench/lib/reporting-seed.mjs, as `npm run bench -- reporting` writes them):
//    from navigation to every chart drawn (each chart's SVG with its bars or lines, no figure still loading),
//    median of --dashboard-runs (default 10).
// Options: --runs 20 --tickets 50 --events 200 --agents 50 --think 1000 --only requester,workspace,action,queue,dashboard
//          --queue-tickets 100000 --dashboard-tickets 1000000 --dashboard-runs 10
//          --explain: after the queue, the workspace (in a new tab, and one more opening from the queue) and the
//          dashboard, the last run's waterfall (the document, every script, style and API request, from navigation
//          start) and the functions that took the most CPU in it (Chromium's profiler, named through the build's
//          source maps: the package or portal file, the function and its line; the portal's own functions also
//          with what they called), to see where the time goes; for the queue opened by its address, also the
//          median time of each step of the opening over the runs that were not profiled; with BENCH_TRACE=1, the queue's main-thread time by
//          task kind from Chromium's trace instead of the profile (BENCH_TRACE=timeline: also every task ≥ 4 ms;
//          BENCH_TRACE=invalidations: also what made style and layout dirty, counted by reason);
//          BENCH_PROFILE_DIR=/some/dir also saves each profile --explain prints (.cpuprofile) and, with BENCH_TRACE, each
//          trace (.json), to open in Chromium's DevTools (Performance panel);
//          BENCH_CHROMIUM_ARGS adds Chromium switches, e.g. "--disable-features=BackForwardCache,ProactivelySwapBrowsingInstance"
//          to see what a typed-in navigation's swap to a new renderer process costs here
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import pg from 'pg';
import { SourceMapConsumer } from 'source-map-js';
import { allocatePort, startTestPlatform } from '@cau/testing';
import { seedReporting } from './lib/reporting-seed.mjs';
import { seedTicketView } from './lib/ticket-view-seed.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    tickets: { type: 'string', default: '50' },
    events: { type: 'string', default: '200' },
    agents: { type: 'string', default: '50' },
    think: { type: 'string', default: '10000' },
    only: { type: 'string', default: 'requester,workspace,action,queue,dashboard' },
    'queue-tickets': { type: 'string', default: '100000' },
    'dashboard-tickets': { type: 'string', default: '1000000' },
    'dashboard-runs': { type: 'string', default: '10' },
    explain: { type: 'boolean', default: false },
  },
});
const sections = new Set(values.only.split(','));
const runs = Number(values.runs);
const ticketCount = Number(values.tickets);
const eventCount = Number(values.events);
const agentCount = Number(values.agents);
const think = Number(values.think);
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
// A browser that cannot start must not leave the platform's processes running.
const browser = await chromium
  .launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      ...(process.env.BENCH_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean),
    ],
  })
  .catch(async (error) => {
    await platform.stop();
    throw error;
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
/** Repeats a call until it succeeds: the services learn of a ticket through events. */
async function eventually(call, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
const token = async (email, password) => (await api('POST', '/auth/token', { email, password })).accessToken;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
/**
 * Runs in the page: for each `[name, pattern]` of `marks`, `window[name]` resolves with the time to the frame after
 * the ticket's timeline first shows a text matching `pattern`. Measured from the press of the pointer when
 * `fromPress` (evaluated before a click: the outer measure also counts the driver's own work, Playwright's
 * actionability checks and polling and the DevTools protocol's round trips, and this one is what a person at the
 * screen waits), else from navigation start (an init script of a new tab's document).
 */
function watchTimelineText({ marks, fromPress }) {
  let startedAt = fromPress ? null : 0;
  if (fromPress) {
    addEventListener('pointerdown', (event) => (startedAt = event.timeStamp), { capture: true, once: true });
  }
  // Text node by text node, as the driver's text match does (the section's whole text runs steps together).
  const shown = (wanted) => {
    const timeline = [...document.querySelectorAll('section')].find((section) =>
      /^Seguimiento/.test(section.querySelector('h2')?.textContent ?? ''),
    );
    if (!timeline) return false;
    const texts = document.createTreeWalker(timeline, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) if (wanted.test(node.data)) return true;
    return false;
  };
  for (const [name, pattern] of marks) {
    const wanted = new RegExp(pattern);
    window[name] = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (startedAt === null || !shown(wanted)) return;
        observer.disconnect();
        // The next frame is painted before a task queued from its animation-frame callback runs.
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - startedAt)));
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    });
  }
}

/**
 * Runs in every new document of the queue's page (an init script): the time from navigation start (the page's
 * time origin) to the frame that first shows a row of the queue, as `window.__queueRowsShown`.
 */
function watchQueueRows() {
  window.__queueRowsShown = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('.queue-table tbody tr[data-index]')) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/**
 * Runs in the page before a click: resolves `window.__queueRowsShownAfterPress` with the time from the press of the
 * pointer to the frame that first shows a row of the queue.
 */
function watchQueueRowsAfterPress() {
  let pressedAt = null;
  window.__queueRowsShownAfterPress = new Promise((resolve) => {
    addEventListener('pointerdown', (event) => (pressedAt = window.__queuePressedAt = event.timeStamp), {
      capture: true,
      once: true,
    });
    const observer = new MutationObserver(() => {
      if (pressedAt === null || !document.querySelector('.queue-table tbody tr[data-index]')) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - pressedAt)));
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

/**
 * Runs in the queue's page once its rows are on screen: when each step of the opening ended, in ms from navigation
 * start, so --explain can print the median of each over the runs that were not profiled.
 */
async function openingMarks() {
  const [navigation] = performance.getEntriesByType('navigation');
  const resources = performance.getEntriesByType('resource');
  const ended = (pattern) => resources.find((entry) => pattern.test(entry.name))?.responseEnd ?? NaN;
  const started = (pattern) => resources.find((entry) => pattern.test(entry.name))?.startTime ?? NaN;
  return {
    'document received': navigation.responseEnd,
    'previous page unloaded': navigation.unloadEventEnd,
    'document interactive': navigation.domInteractive,
    'entry script received': ended(/\/assets\/index-[^/]*\.js$/),
    'session read started': started(/\/auth\/session$/),
    'session answered': ended(/\/auth\/session$/),
    'tickets read started': started(/\/api\/v1\/tickets\?/),
    'tickets answered': ended(/\/api\/v1\/tickets\?/),
    'queue code received': ended(/\/assets\/QueuePage-[^/]*\.js$/),
    'queue code evaluated': performance.getEntriesByName('cau:queue-code-ready')[0]?.startTime ?? NaN,
    'last of its scripts received': Math.max(
      ...resources.filter((entry) => /\/assets\/.*\.js$/.test(entry.name)).map((entry) => entry.responseEnd),
    ),
    'rows on screen': await window.__queueRowsShown,
  };
}

function printMedianMarks(title, runs) {
  console.log(`  ${title}: median of each step (ms from navigation start, ${runs.length} runs)`);
  for (const name of Object.keys(runs[0])) {
    const sorted = runs
      .map((run) => run[name])
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    if (sorted.length) console.log(`    ${percentile(sorted, 50).toFixed(0).padStart(5)}  ${name}`);
  }
}

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

/**
 * With --explain, prints what the page's last navigation fetched and when (ms from navigation start), so a
 * figure above its target shows whether the time goes to the network, the scripts or rendering.
 */
async function explain(page, title, profile, origin = 0) {
  if (!values.explain) return;
  const { entries, now } = await page.evaluate((origin) => {
    const [navigation] = performance.getEntriesByType('navigation');
    const rows = [
      { name: 'document', start: navigation.startTime, end: navigation.responseEnd, bytes: navigation.transferSize },
      {
        name: '(previous page unloaded)',
        start: navigation.unloadEventStart,
        end: navigation.unloadEventEnd,
        bytes: 0,
      },
      {
        name: '(document parsed: interactive)',
        start: navigation.responseEnd,
        end: navigation.domInteractive,
        bytes: 0,
      },
      {
        name: '(DOMContentLoaded)',
        start: navigation.domContentLoadedEventStart,
        end: navigation.domContentLoadedEventEnd,
        bytes: 0,
      },
      ...performance.getEntriesByType('resource').map((entry) => ({
        name: new URL(entry.name).pathname + new URL(entry.name).search,
        start: entry.startTime,
        end: entry.responseEnd,
        bytes: entry.transferSize,
      })),
    ];
    // From `origin` (a press in the page) when given: what the page did after it.
    const shifted = rows
      .filter((row) => row.start >= origin)
      .map((row) => ({ ...row, start: row.start - origin, end: row.end - origin }));
    return { entries: shifted, now: performance.now() - origin };
  }, origin);
  const from = origin ? 'the press' : 'navigation start';
  console.log(`  ${title}: waterfall of the last run (ms from ${from}; on screen at ~${now.toFixed(0)} ms)`);
  for (const entry of entries.sort((a, b) => a.start - b.start)) {
    const name = entry.name.length > 70 ? `${entry.name.slice(0, 67)}…` : entry.name;
    console.log(
      `    ${entry.start.toFixed(0).padStart(5)} → ${entry.end.toFixed(0).padStart(5)}  ${(entry.end - entry.start).toFixed(0).padStart(4)} ms  ${name}${entry.bytes ? ` (${kB(entry.bytes)})` : ''}`,
    );
  }
  if (!profile) return;
  if (process.env.BENCH_PROFILE_DIR) {
    const file = path.join(
      process.env.BENCH_PROFILE_DIR,
      `${title.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}.cpuprofile`,
    );
    writeFileSync(file, JSON.stringify(profile));
    console.log(`    (profile saved as ${file}: open it in Chromium's DevTools, Performance panel)`);
  }
  // Each profiled function as written (file or package, name, line), through the build's source maps.
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const where = new Map([...byId].map(([id, node]) => [id, original(node.callFrame)]));
  const self = new Map();
  const inclusive = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const id = profile.samples[i];
    const { key } = where.get(id);
    self.set(key, (self.get(key) ?? 0) + ms);
    // A function's time with what it called, counted once per sample however deep it recurses.
    const onStack = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) onStack.add(where.get(at).key);
    for (const onIt of onStack) inclusive.set(onIt, (inclusive.get(onIt) ?? 0) + ms);
  }
  const total = [...self.values()].reduce((sum, ms) => sum + ms, 0);
  const byOrigin = new Map();
  for (const [key, ms] of self) {
    const origin = key.split(' ')[0];
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + ms);
  }
  const top = (map, count, filter = () => true) =>
    [...map]
      .filter(([key]) => filter(key))
      .sort((a, b) => b[1] - a[1])
      .slice(0, count);
  console.log(`    CPU in the page: ${total.toFixed(0)} ms profiled; self time by package or portal file:`);
  for (const [origin, ms] of top(byOrigin, 12)) console.log(`      ${ms.toFixed(0).padStart(5)} ms  ${origin}`);
  console.log('    top functions (self time):');
  for (const [key, ms] of top(self, 15)) console.log(`      ${ms.toFixed(1).padStart(6)} ms  ${key}`);
  console.log("    the portal's own functions, with what they called (inclusive time):");
  for (const [key, ms] of top(inclusive, 15, (key) => key.startsWith('src/'))) {
    console.log(`      ${ms.toFixed(1).padStart(6)} ms  ${key}`);
  }
}

const sourceMaps = new Map();
/** A profiled call frame as written: the portal's file or the package, the function's name and line. */
function original({ functionName, url, lineNumber, columnNumber }) {
  const name = functionName || '(anonymous)';
  if (!url || lineNumber < 0) return { key: `(native) ${name}` };
  const script = new URL(url).pathname;
  if (!sourceMaps.has(script)) {
    const file = path.join(dist, `${script}.map`);
    sourceMaps.set(script, existsSync(file) ? new SourceMapConsumer(JSON.parse(readFileSync(file, 'utf8'))) : null);
  }
  const position = sourceMaps.get(script)?.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
  if (!position?.source) return { key: `${script} ${name}:${lineNumber + 1}:${columnNumber + 1}` };
  const inPackage = position.source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  const origin = inPackage ? inPackage[1] : position.source.replace(/^(\.\.\/)+(portal\/)?/, '');
  return { key: `${origin} ${position.name ?? name}:${position.line}` };
}

/** Runs `navigate` under Chromium's sampling profiler when --explain is given; returns the profile. */
const TRACED_TASKS = new Set([
  'v8.compileModule',
  'v8.evaluateModule',
  'v8.produceModuleCache',
  'FunctionCall',
  'ParseHTML',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'MinorGC',
  'MajorGC',
  'HitTest',
]);

/**
 * The main thread's time by task kind (compiling and evaluating scripts, style, layout, paint, …) over a navigation,
 * from Chromium's trace, top-level tasks' children summed by name: where the time before the first rows goes.
 */
async function traced(page, navigate) {
  const invalidations = process.env.BENCH_TRACE === 'invalidations';
  await browser.startTracing(page, {
    categories: [
      'toplevel',
      'devtools.timeline',
      'v8',
      'blink',
      ...(invalidations
        ? ['disabled-by-default-devtools.timeline.invalidationTracking', 'disabled-by-default-devtools.timeline.stack']
        : []),
    ],
  });
  await navigate();
  const raw = await browser.stopTracing();
  if (process.env.BENCH_PROFILE_DIR)
    writeFileSync(path.join(process.env.BENCH_PROFILE_DIR, `trace-${Date.now()}.json`), raw);
  const trace = JSON.parse(raw.toString('utf8'));
  const events = trace.traceEvents ?? trace;
  // A new tab's navigation swaps renderer processes: the page's main thread is the busiest one.
  const busy = new Map();
  for (const event of events) {
    if (event.ph !== 'X' || !event.dur) continue;
    const key = `${event.pid}:${event.tid}`;
    busy.set(key, (busy.get(key) ?? 0) + event.dur);
  }
  const main = events
    .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
    .sort((a, b) => (busy.get(`${b.pid}:${b.tid}`) ?? 0) - (busy.get(`${a.pid}:${a.tid}`) ?? 0))[0];
  const byName = new Map();
  for (const event of events) {
    if (!main || event.pid !== main.pid || event.tid !== main.tid || event.ph !== 'X' || !event.dur) continue;
    if (!TRACED_TASKS.has(event.name)) continue;
    byName.set(event.name, (byName.get(event.name) ?? 0) + event.dur / 1000);
  }
  if (invalidations) {
    // What made style or layout dirty, counted by kind of invalidation and its reason or changed class/attribute.
    const reasons = new Map();
    for (const event of events) {
      if (!/InvalidationTracking/.test(event.name)) continue;
      const data = event.args?.data ?? {};
      const why =
        data.reason ??
        [
          data.changedClass && `class ${data.changedClass}`,
          data.changedAttribute && `attr ${data.changedAttribute}`,
          data.changedId && `id ${data.changedId}`,
          data.changedPseudo && `pseudo ${data.changedPseudo}`,
        ]
          .filter(Boolean)
          .join(' ');
      const key = `${event.name} ${why} ${data.nodeName ?? ''}`.trim();
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    for (const [key, count] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
      console.log(`    ${String(count).padStart(6)}  ${key}`);
    }
    // Style and layout forced by script (a read of a size or a position while they were dirty), with the script's stack.
    for (const event of events) {
      if (event.ph !== 'X' || (event.dur ?? 0) < 5000 || !['UpdateLayoutTree', 'Layout'].includes(event.name)) continue;
      const stack = event.args?.beginData?.stackTrace;
      if (!stack?.length) continue;
      console.log(`    forced ${event.name} ${(event.dur / 1000).toFixed(0)} ms:`);
      for (const frame of stack.slice(0, 8)) {
        // Trace stacks count lines and columns from 1, profiles from 0.
        console.log(
          `      ${original({ ...frame, lineNumber: frame.lineNumber - 1, columnNumber: frame.columnNumber - 1 }).key}`,
        );
      }
    }
  }
  if (process.env.BENCH_TRACE === 'timeline') {
    // Every task of 4 ms or more in the page's process, in ms from the first of them.
    const long = events.filter((event) => event.pid === main?.pid && event.ph === 'X' && (event.dur ?? 0) >= 4000);
    const navigationStart = Math.min(...long.map((event) => event.ts));
    for (const event of long) {
      const thread = event.tid === main.tid ? 'main' : `t${event.tid}`;
      console.log(
        `    ${((event.ts - navigationStart) / 1000).toFixed(0).padStart(6)} +${(event.dur / 1000).toFixed(0).padStart(4)}  ${thread} ${event.name} ${event.args?.data?.url ?? event.args?.data?.functionName ?? ''}`,
      );
    }
  }
  console.log('  Main thread by task kind (ms, nested kinds overlap):');
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1])) {
    console.log(`    ${ms.toFixed(1).padStart(8)}  ${name}`);
  }
}

async function profiled(page, navigate) {
  if (process.env.BENCH_TRACE) {
    await traced(page, navigate);
    return null;
  }
  if (!values.explain) {
    await navigate();
    return null;
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await navigate();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  return profile;
}

try {
  const adminToken = await token(platform.admin.email, platform.admin.password);
  const password = 'clave-benchmark-portal';
  await api(
    'POST',
    '/accounts',
    { email: 'op.bench@cau.gob.ar', name: 'Olga Operadora', password, role: 'operator', area: 'L1' },
    adminToken,
  );
  const operatorToken = await token('op.bench@cau.gob.ar', password);
  const requester = { email: 'ana.bench@salud.gob.ar', name: 'Ana Benchmark' };
  if (sections.has('requester')) {
    await api('POST', '/accounts', { ...requester, password, role: 'requester', jurisdiction: 'SALUD' }, adminToken);
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
  }

  /** Registers a ticket as the desk does and returns its number once resolution knows it (the operator can take it). */
  const registerAndTake = async (title, key, takerToken) => {
    const { number } = await api(
      'POST',
      '/tickets',
      {
        channel: 'telefono',
        requester,
        jurisdiction: 'SALUD',
        title,
        description: 'Registrado para el benchmark de la consola.',
        type: 'incidente',
        category: 'impresoras',
        impact: 'bajo',
        urgency: 'media',
      },
      operatorToken,
      { 'Idempotency-Key': key },
    );
    await eventually(() => api('POST', `/tickets/${number}/take`, {}, takerToken));
    return number;
  };
  /** The staff browser: signed in once through the login page, its cookie reused by each page. */
  const staffContext = async (email) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${base}/ingresar`);
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/ingresar'));
    return { context, page };
  };
  const timelineOf = (page) => page.getByRole('region', { name: /^Seguimiento/ });
  // Printed as each section ends, so a later failure does not hide the earlier figures.
  const report = (...lines) => console.log(lines.join('\n'));

  if (sections.has('queue')) {
    const queueTickets = Number(values['queue-tickets']);
    console.log(`Queue: ${queueTickets.toLocaleString('en')} tickets in reporting's view…`);
    const db = new pg.Client({ connectionString: platform.infra.database.url });
    await db.connect();
    try {
      await seedTicketView(db, queueTickets, { firstNumber: 1_000_001 });
    } finally {
      await db.end();
    }
    const { context, page } = await staffContext('op.bench@cau.gob.ar');
    const rows = page.locator('.queue-table tbody tr[data-index]');
    const status = page.getByRole('status').filter({ hasText: /tickets? (cargados?|$)/ });
    const loaded = async () => Number(((await status.first().textContent()) ?? '').match(/\d+/)?.[0] ?? 0);
    const first = [];
    const firstInPage = [];
    const next = [];
    const marks = [];
    await page.addInitScript(watchQueueRows);
    for (let i = 0; i < runs + 1; i++) {
      let started = performance.now();
      // From a light page of the same site (the portal's icon), as when the console is opened from a bookmark in a
      // tab already on the portal: leaving the previous run's queue (500 rows) would add that page's teardown,
      // which happens before the new document is parsed. (about:blank would start a new renderer process.)
      await page.goto(`${base}/favicon.svg`);
      started = performance.now();
      const navigate = async () => {
        await page.goto(`${base}/consola?view=area&sort=priority`);
        await rows.first().waitFor();
      };
      if (i === runs) {
        const profile = await profiled(page, navigate);
        first.push(performance.now() - started);
        await explain(page, 'Queue, navigation to the first rows', profile);
      } else {
        await navigate();
        first.push(performance.now() - started);
        firstInPage.push(await page.evaluate(() => window.__queueRowsShown));
        if (values.explain) marks.push(await page.evaluate(openingMarks));
      }
      while ((await loaded()) < 500) {
        const before = await loaded();
        started = performance.now();
        await page.getByRole('button', { name: 'Cargar más' }).click();
        await page.waitForFunction((count) => {
          const text = [...document.querySelectorAll('[role="status"]')]
            .map((node) => node.textContent ?? '')
            .join(' ');
          return Number(text.match(/(\d+) tickets? cargados?/)?.[1] ?? 0) > count;
        }, before);
        await rows.first().waitFor();
        next.push(performance.now() - started);
      }
    }
    // Scrolling through the 500 rows: the frames the browser paints while the list moves 120 px a frame.
    const frames = await page.evaluate(async () => {
      const box = document.querySelector('.queue-scroll');
      const times = [];
      let last = performance.now();
      while (box.scrollTop + box.clientHeight < box.scrollHeight - 1) {
        box.scrollTop += 120;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      return times;
    });
    // In the console, as an agent comes back to the queue: the "Consola" link pressed on the desk's registration page,
    // which was loaded afresh (so neither the queue's code nor its rows are in the page yet) and has finished its reads.
    const inFlight = new Set();
    page.on('request', (request) => request.resourceType() !== 'eventsource' && inFlight.add(request));
    page.on('requestfinished', (request) => inFlight.delete(request));
    page.on('requestfailed', (request) => inFlight.delete(request));
    /** Until the page has had no request in flight (but the live stream) for 100 ms. */
    const settled = async () => {
      for (let quiet = 0; quiet < 5;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        quiet = inFlight.size === 0 ? quiet + 1 : 0;
      }
    };
    const inApp = [];
    const inAppInPage = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`${base}/consola/registrar`);
      await page.getByRole('heading', { name: 'Registrar un pedido' }).waitFor();
      await settled(page);
      await page.evaluate(watchQueueRowsAfterPress);
      const started = performance.now();
      const open = async () => {
        await page.getByRole('link', { name: 'Consola', exact: true }).click();
        await rows.first().waitFor();
      };
      const profile = i === runs - 1 ? await profiled(page, open) : await open();
      inApp.push(performance.now() - started);
      inAppInPage.push(await page.evaluate(() => window.__queueRowsShownAfterPress));
      if (i === runs - 1) {
        const pressedAt = await page.evaluate(() => window.__queuePressedAt);
        await explain(page, 'Queue from the registration page, the press to the first rows', profile, pressedAt);
      }
    }
    await context.close();
    if (marks.length > 1) printMedianMarks('Queue opened by its address, unprofiled runs', marks.slice(1));
    const [firstCold, ...firstWarm] = first;
    const sortedFrames = [...frames].sort((a, b) => a - b);
    report(
      `  Queue with ${queueTickets.toLocaleString('en')} tickets, navigation to the first rows: ${summary(firstWarm)}; first ${firstCold.toFixed(0)} ms   target ≤ 300 ms`,
      `    the same, as the page saw it (navigation start → the frame showing the first rows): ${summary(firstInPage.slice(1))}`,
      `  Queue from another page of the console (the "Consola" link pressed on the registration page), to the first rows: ${summary(inApp)}   target ≤ 300 ms`,
      `    the same, as the page saw it (the press → the frame showing the first rows): ${summary(inAppInPage)}`,
      `  Queue, "Cargar más" to the next 100 rows (up to 500 in the list): ${summary(next)}   target ≤ 300 ms`,
      `  Scrolling 500 rows: ${frames.length} frames, median ${percentile(sortedFrames, 50).toFixed(1)} ms, p95 ${percentile(sortedFrames, 95).toFixed(1)} ms   (60 fps = 16.7 ms)`,
    );
  }

  if (sections.has('dashboard')) {
    const dashboardTickets = Number(values['dashboard-tickets']);
    const dashboardRuns = Number(values['dashboard-runs']);
    console.log(`Dashboard: ${dashboardTickets.toLocaleString('en')} tickets of reporting's benchmark data…`);
    const { dailySummariesRebuild } = await import('../services/reporting/dist/reports/daily-summaries.sql.js');
    const db = new pg.Client({ connectionString: platform.infra.database.url });
    await db.connect();
    try {
      // kpi_daily in the zone reporting keeps it in; numbers far above those intake gives (and the queue's).
      const zone = (await db.query('SELECT zone FROM reporting.kpi_daily_state')).rows[0].zone;
      const timed = async (label, work) => {
        const started = performance.now();
        await work();
        console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      };
      await seedReporting(db, dashboardTickets, {
        zone,
        dailyRebuild: dailySummariesRebuild,
        firstNumber: 2_000_001,
        timed,
      });
    } finally {
      await db.end();
    }
    await api(
      'POST',
      '/accounts',
      { email: 'jefa.bench@cau.gob.ar', name: 'Julia Jefa', password, role: 'supervisor', area: 'L1' },
      adminToken,
    );
    const { context, page } = await staffContext('jefa.bench@cau.gob.ar');
    // Every chart of the page drawn: the five of the dashboard (the breakdown by area among them) and the
    // productivity section's that have rows, each an SVG with its marks, and nothing still loading.
    const drawn = () =>
      page.waitForFunction(
        () => {
          if (document.querySelector('.mantine-Loader-root')) return false;
          const charts = [...document.querySelectorAll('.reports-chart')];
          return (
            charts.length >= 5 &&
            charts.every((chart) =>
              chart.querySelector(
                'svg .recharts-bar-rectangle, svg .recharts-line-curve, svg .recharts-area-area, svg .recharts-pie-sector',
              ),
            )
          );
        },
        undefined,
        { timeout: 120_000, polling: 'raf' },
      );
    const url = `${base}/informes?period=year&date=2025-06-30&dimension=area`;
    const times = [];
    let charts = 0;
    // The API calls of each navigation, to tell the server's part from the page's.
    let calls = [];
    page.on('requestfinished', (request) => {
      const { pathname, search } = new URL(request.url());
      if (!pathname.startsWith('/api/')) return;
      const timing = request.timing();
      calls.push({ call: `${pathname}${search}`, start: timing.startTime, ms: timing.responseEnd });
    });
    const [beforeApi, apiSpans, afterApi] = [[], [], []];
    for (let i = 0; i < dashboardRuns + 1; i++) {
      calls = [];
      const wallStart = Date.now();
      const started = performance.now();
      await page.goto(url);
      await drawn();
      const ms = performance.now() - started;
      times.push(ms);
      charts = await page.locator('.reports-chart').count();
      if (calls.length > 0) {
        const first = Math.min(...calls.map((c) => c.start)) - wallStart;
        const last = Math.max(...calls.map((c) => c.start + c.ms)) - wallStart;
        beforeApi.push(first);
        apiSpans.push(last - first);
        afterApi.push(ms - last);
      }
    }
    const slowest = [...calls].sort((a, b) => b.ms - a.ms).slice(0, 4);
    await explain(page, 'Reports dashboard, navigation to every chart drawn');
    await context.close();
    const [cold, ...warm] = times;
    report(
      `  Reports dashboard, 2025 by area over ${dashboardTickets.toLocaleString('en')} tickets, navigation to all ${charts} charts drawn: ${summary(warm)}; first ${cold.toFixed(0)} ms   target median ≤ 1500 ms`,
      `    navigation to the first API call: ${summary(beforeApi.slice(1))}`,
      `    first API call to the last answer: ${summary(apiSpans.slice(1))}`,
      `    last answer to every chart drawn: ${summary(afterApi.slice(1))}`,
      `    slowest calls of the last run: ${slowest.map((c) => `${c.call} ${c.ms.toFixed(0)} ms`).join(', ')}`,
    );
  }

  if (sections.has('workspace')) {
    console.log(`Workspace: a ticket with a ${eventCount}-step timeline…`);
    const number = await registerAndTake('Ticket con un seguimiento largo', 'bench-workspace', operatorToken);
    // Registration, routing and the take are steps too; the rest alternate work logs and internal notes.
    for (let i = 1; i <= eventCount - 3; i++) {
      if (i % 2 === 0) {
        await api('POST', `/tickets/${number}/worklogs`, { minutes: 5, description: `Trabajo ${i}` }, operatorToken);
      } else {
        await api('POST', `/tickets/${number}/comments`, { text: `Nota ${i}`, internal: true }, operatorToken);
      }
    }
    let steps = 0;
    await eventually(async () => {
      steps = (await api('GET', `/tickets/${number}`, undefined, operatorToken)).timeline.length;
      if (steps < eventCount) throw new Error(`the read side shows ${steps} steps`);
    });
    // The ticket's read alone, through the API (the gateway, NATS, reporting's view): the server's part.
    const read = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await api('GET', `/tickets/${number}`, undefined, operatorToken);
      read.push(performance.now() - started);
    }
    const { context, page: signedIn } = await staffContext('op.bench@cau.gob.ar');
    // Odd steps are notes: the last note written is the last step with a text of its own.
    const lastNote = (eventCount - 3) % 2 === 1 ? eventCount - 3 : eventCount - 4;
    const lastStepOf = (page) => timelineOf(page).getByText(new RegExp(`Nota ${lastNote}$`));
    const url = `${base}/tickets/${number}`;
    // Three ways an agent opens a ticket, each timed from the navigation to the last step on screen:
    //  - its link in a new tab (a mail, the queue's "open in a new tab"): a fresh page, the bundle from cache;
    //  - a reload of the ticket's own page, which first tears down the previous 200-step page;
    //  - a click on its number in the console's queue, inside the running portal.
    const newTab = [];
    const newTabInPage = [];
    const newTabWhole = [];
    let profile = null;
    for (let i = 0; i < runs + 1; i++) {
      const page = await context.newPage();
      await page.addInitScript(watchTimelineText, {
        marks: [
          ['__timelineTextLoaded', `Nota ${lastNote}$`],
          ['__timelineWholeLoaded', '(^|\\s)Nota 1$'],
        ],
        fromPress: false,
      });
      const started = performance.now();
      const navigate = async () => {
        await page.goto(url);
        await lastStepOf(page).waitFor();
      };
      if (i === runs) profile = await profiled(page, navigate);
      else await navigate();
      newTab.push(performance.now() - started);
      if (i > 0 && i < runs) {
        newTabInPage.push(await page.evaluate(() => window.__timelineTextLoaded));
        newTabWhole.push(await page.evaluate(() => window.__timelineWholeLoaded));
      }
      if (i === runs) await explain(page, 'Ticket workspace in a new tab, navigation to its last step', profile);
      await page.close();
    }
    const reload = [];
    await signedIn.goto(url);
    await lastStepOf(signedIn).waitFor();
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await signedIn.reload();
      await lastStepOf(signedIn).waitFor();
      reload.push(performance.now() - started);
    }
    const fromQueue = [];
    const fromQueueInPage = [];
    const queueUrl = `${base}/consola?text=${encodeURIComponent('seguimiento largo')}`;
    for (let i = 0; i < runs; i++) {
      await signedIn.goto(queueUrl);
      const link = signedIn.getByRole('link', { name: String(number), exact: true }).first();
      await link.waitFor();
      await signedIn.evaluate(watchTimelineText, {
        marks: [['__timelineTextShown', `Nota ${lastNote}$`]],
        fromPress: true,
      });
      const started = performance.now();
      await link.click();
      await lastStepOf(signedIn).waitFor();
      fromQueue.push(performance.now() - started);
      fromQueueInPage.push(await signedIn.evaluate(() => window.__timelineTextShown));
    }
    if (values.explain) {
      // One more opening, not counted, under the profiler: what it read and where its CPU went, from the click.
      await signedIn.goto(queueUrl);
      const link = signedIn.getByRole('link', { name: String(number), exact: true }).first();
      await link.waitFor();
      const clickedAt = await signedIn.evaluate(() => performance.now());
      const profile = await profiled(signedIn, async () => {
        await link.click();
        await lastStepOf(signedIn).waitFor();
      });
      await explain(signedIn, 'Ticket workspace opened from the queue, the click to its last step', profile, clickedAt);
    }
    await context.close();
    const [cold, ...warm] = newTab;
    report(
      `  Ticket workspace with a ${steps}-step timeline, navigation to its last step on screen   target ≤ 500 ms`,
      `    opened in a new tab: ${summary(warm)}; first ${cold.toFixed(0)} ms`,
      `      the same, as the page saw it (navigation start → the last step painted): ${summary(newTabInPage)}`,
      `      its first step painted (the whole timeline drawn): ${summary(newTabWhole)}`,
      `    the ticket's read alone (GET /tickets/${number}, no page): ${summary(read)}`,
      `    reloaded over itself: ${summary(reload)}`,
      `    opened from the console's queue: ${summary(fromQueue)}`,
      `      the same, as the page saw it (the button pressed → the last step painted): ${summary(fromQueueInPage)}`,
    );
  }

  if (sections.has('action')) {
    console.log(`Action round trip: ${agentCount} agents, one action every ${think} ms each…`);
    const others = [];
    for (let i = 1; i < agentCount; i++) {
      const email = `l1.bench.${i}@cau.gob.ar`;
      await api(
        'POST',
        '/accounts',
        { email, name: `Agente ${i}`, password, role: 'operator', area: 'L1' },
        adminToken,
      );
      const agentToken = await token(email, password);
      others.push({
        token: agentToken,
        number: await registerAndTake(`Ticket del agente ${i}`, `bench-agent-${i}`, agentToken),
      });
    }
    const mine = await registerAndTake('Ticket del agente medido', 'bench-agent-0', operatorToken);
    let working = true;
    let background = 0;
    let backgroundErrors = 0;
    // The other agents alternate internal notes and work logs on their own tickets, each at its own pace.
    const crowd = others.map(async ({ token: agentToken, number }, index) => {
      await new Promise((resolve) => setTimeout(resolve, (index * think) / others.length));
      for (let i = 0; working; i++) {
        const started = performance.now();
        try {
          if (i % 2 === 0) {
            await api(
              'POST',
              `/tickets/${number}/comments`,
              { text: `Nota de fondo ${i}`, internal: true },
              agentToken,
            );
          } else {
            await api('POST', `/tickets/${number}/worklogs`, { minutes: 1, description: `Fondo ${i}` }, agentToken);
          }
          background++;
        } catch {
          backgroundErrors++;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, think - (performance.now() - started))));
      }
    });
    const { context, page } = await staffContext('op.bench@cau.gob.ar');
    await page.goto(`${base}/tickets/${mine}`);
    const reply = page.locator('#workspace-reply');
    const send = page.locator('form:has(#workspace-reply) button[type="submit"]');
    const crowdStarted = performance.now();
    const times = [];
    const timesInPage = [];
    for (let i = 0; i < Math.max(runs, 20); i++) {
      const text = `Respuesta medida ${i}`;
      await reply.fill(text);
      await page.evaluate(watchTimelineText, { marks: [['__timelineTextShown', `${text}(?!\\d)`]], fromPress: true });
      const started = performance.now();
      await send.click();
      // The entry's summary and its body may both carry the text: the first is enough.
      await timelineOf(page)
        .getByText(new RegExp(`${text}(?!\\d)`))
        .first()
        .waitFor();
      times.push(performance.now() - started);
      timesInPage.push(await page.evaluate(() => window.__timelineTextShown));
    }
    const crowdSeconds = (performance.now() - crowdStarted) / 1000;
    working = false;
    await Promise.all(crowd);
    await context.close();
    const sorted = [...times].sort((a, b) => a - b);
    report(
      `  Action round trip (reply sent → in the timeline) with ${agentCount} agents working: p95 ${percentile(sorted, 95).toFixed(0)} ms, ${summary(times)}   target p95 ≤ 300 ms`,
      `    as the page saw it (the button pressed → the reply painted): p95 ${percentile(
        [...timesInPage].sort((a, b) => a - b),
        95,
      ).toFixed(0)} ms, ${summary(timesInPage)}`,
      `    the other ${others.length} agents: ${(background / crowdSeconds).toFixed(1)} actions/s, ${backgroundErrors} refused or failed`,
    );
  }
  if (sections.has('queue') || sections.has('workspace') || sections.has('action')) {
    console.log(`(desk console figures in Chromium ${browser.version()})`);
  }
} finally {
  await browser.close();
  await platform.stop();
}
