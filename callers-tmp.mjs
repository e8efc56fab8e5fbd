import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
const [file, pattern, depthArg] = process.argv.slice(2);
const depth = Number(depthArg ?? 10);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const dist = path.resolve('portal/dist');
const maps = new Map();
const orig = ({ functionName, url, lineNumber, columnNumber }) => {
  if (!url || lineNumber < 0) return `(native) ${functionName}`;
  const script = new URL(url).pathname;
  if (!maps.has(script)) { const f = path.join(dist, script + '.map'); maps.set(script, existsSync(f) ? new SourceMapConsumer(JSON.parse(readFileSync(f, 'utf8'))) : null); }
  const p = maps.get(script)?.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
  if (!p?.source) return `${script} ${functionName}`;
  const nm = p.source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  return `${nm ? nm[1] : p.source.replace(/^(\.\.\/)+/, '')} ${p.name ?? functionName}:${p.line}`;
};
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const chains = new Map();
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  const key0 = orig(byId.get(id).callFrame);
  if (!new RegExp(pattern).test(key0)) return;
  const chain = [];
  for (let at = parent.get(id), k = 0; at !== undefined && k < depth; at = parent.get(at), k++) chain.push(orig(byId.get(at).callFrame));
  const key = key0 + '\n      <- ' + chain.join('\n      <- ');
  chains.set(key, (chains.get(key) ?? 0) + ms);
});
for (const [k, v] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(v.toFixed(1), k, '\n');
