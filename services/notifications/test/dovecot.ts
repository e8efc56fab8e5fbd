import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

const DOVECOT = '/usr/sbin/dovecot';

export interface TestDovecot {
  host: string;
  port: number;
  /** An `imap://` URL for INBOUND_IMAP_MAILBOXES, for `user` (created with password `password`). */
  urlFor(user: string, password?: string): string;
  stop(): Promise<void>;
}

/**
 * Makes sure Dovecot is installed: Debian's package where the machine can install it (root, apt-get).
 * Returns a reason when it cannot, so the tests that need it say plainly why they were skipped.
 */
export function ensureDovecot(): string | null {
  if (existsSync(DOVECOT)) return null;
  if (userInfo().uid !== 0 || !existsSync('/usr/bin/apt-get')) {
    return `${DOVECOT} is missing and this machine cannot install it (needs root and apt-get)`;
  }
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', 'dovecot-imapd'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 300_000,
    });
  if (install().status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore', timeout: 300_000 });
    install();
  }
  return existsSync(DOVECOT) ? null : 'apt-get install dovecot-imapd failed';
}

/**
 * A throw-away Dovecot: its own configuration, users (passwd-file) and Maildirs in a temporary
 * directory, IMAP without TLS on a free port of 127.0.0.1. Mail belongs to `nobody` when run as
 * root (Dovecot refuses root as a mail user) and to the current user otherwise.
 */
export async function startDovecot(users: readonly string[], password = 'secreto'): Promise<TestDovecot> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cau-dovecot-'));
  await chmod(dir, 0o755);
  const me = userInfo();
  const asRoot = me.uid === 0;
  const owner = asRoot ? { uid: 65534, gid: 65534, name: 'nobody' } : { uid: me.uid, gid: me.gid, name: me.username };
  for (const sub of ['run', 'state', 'mail']) await mkdir(path.join(dir, sub));
  await chown(path.join(dir, 'mail'), owner.uid, owner.gid);
  const port = await freePort();
  await writeFile(path.join(dir, 'passwd'), users.map((user) => `${user}:{PLAIN}${password}::::::`).join('\n') + '\n');
  const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = ${Math.min(owner.uid, 500)}
default_internal_user = ${asRoot ? 'dovecot' : owner.name}
default_login_user = ${asRoot ? 'dovenull' : owner.name}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/mail/%u
}
namespace inbox {
  inbox = yes
  mailbox Procesados {
    auto = create
  }
}
`;
  await writeFile(path.join(dir, 'dovecot.conf'), config);
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(port, child);
  } catch (error) {
    const log = await readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => '');
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Dovecot did not start: ${(error as Error).message}\n${log}`, { cause: error });
  }
  return {
    host: '127.0.0.1',
    port,
    urlFor: (user, pass = password) =>
      `imap://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}/INBOX`,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listening on 127.0.0.1:${port}`);
}
