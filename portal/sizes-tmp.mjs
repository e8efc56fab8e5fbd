import { SourceMapConsumer } from 'source-map-js';
import { readFileSync } from 'node:fs';
const file = process.argv[2];
const code = readFileSync(file, 'utf8');
const map = new SourceMapConsumer(JSON.parse(readFileSync(file + '.map', 'utf8')));
const lines = code.split('\n');
const sizes = new Map();
let prev = null;
map.eachMapping((m) => {
  if (prev) {
    let bytes;
    if (m.generatedLine === prev.generatedLine) bytes = m.generatedColumn - prev.generatedColumn;
    else bytes = lines[prev.generatedLine - 1].length - prev.generatedColumn;
    let src = prev.source ?? '?';
    const nm = src.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
    src = nm ? nm[1] : src.replace(/^(\.\.\/)+/, '').split('/').slice(0, 4).join('/');
    sizes.set(src, (sizes.get(src) ?? 0) + bytes);
  }
  prev = m;
});
console.log([...sizes].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([s, b]) => `${(b / 1000).toFixed(1).padStart(7)} kB ${s}`).join('\n'));
