// `npm run bench -- <name>`: runs bench/<name>.mjs against freshly started services and prints figures.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.replace(/\.mjs$/, ''));
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(2);
}
if (!existsSync(path.join(root, 'libs/testing/dist/index.js'))) {
  spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
const result = spawnSync(process.execPath, [path.join(root, 'bench', `${name}.mjs`), ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
