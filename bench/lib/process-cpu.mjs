// CPU time and memory of the platform's processes, read from /proc: the machine is shared, so wall-clock
// rates are noisy, while the CPU a process spent on a unit of work is not. `cpuSnapshot` before and after a
// run, then `cpuReport` prints CPU milliseconds per unit for each process (and the NATS server when the
// bench is told its pid with NATS_SERVER_PID, as it is not a child of the bench).
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: the unit of utime/stime in /proc/<pid>/stat, 100 on every Linux ABI in use. */
const TICKS_PER_SECOND = 100;

/** utime + stime of a process in ms, or null when it has exited. */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return null;
  }
}

/** The processes measured: every service of the platform, and NATS when its pid is known. */
function measured(platform) {
  const list = platform.processes.map((p, i, all) => {
    const same = all.filter((q) => q.name === p.name);
    const label = same.length > 1 ? `${p.name}#${same.indexOf(p) + 1}` : p.name;
    return { label, pid: p.child.pid };
  });
  if (process.env.NATS_SERVER_PID) list.push({ label: 'nats-server', pid: Number(process.env.NATS_SERVER_PID) });
  return list;
}

/** The whole machine's busy and total CPU time in ms (from /proc/stat), to tell our processes' share. */
export function machineCpu() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, n) => sum + n, 0);
  const idle = fields[3] + fields[4];
  return { busyMs: ((total - idle) * 1000) / TICKS_PER_SECOND, totalMs: (total * 1000) / TICKS_PER_SECOND };
}

/** CPU ms of every process on the machine by command name (postgres, nats-server, node…), for the rest of the machine. */
export function cpuByCommand() {
  const byCommand = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
      byCommand.set(command, (byCommand.get(command) ?? 0) + ms);
    } catch {
      // exited while listed
    }
  }
  return byCommand;
}

/**
 * The machine's shared servers, by command name: every PostgreSQL backend (the platform's databases; nothing else
 * uses this PostgreSQL while a bench runs) and the NATS server, unless NATS_SERVER_PID names it among the processes.
 */
function sharedServers() {
  const commands = cpuByCommand();
  const servers = [{ label: 'postgres (all)', ms: commands.get('postgres') ?? 0 }];
  if (!process.env.NATS_SERVER_PID) servers.push({ label: 'nats-server', ms: commands.get('nats-server') ?? 0 });
  return servers.map((server) => ({ ...server, pid: null }));
}

export function cpuSnapshot(platform) {
  return [...measured(platform).map(({ label, pid }) => ({ label, pid, ms: cpuMs(pid) })), ...sharedServers()];
}

/** A table of CPU ms per unit (e.g. per ticket) between two snapshots, with each process's RSS now. */
export function cpuReport(before, after, units, unitName) {
  const rows = after.map((end) => {
    const start = before.find((b) => (end.pid === null ? b.label === end.label : b.pid === end.pid));
    const spent = end.ms === null || start?.ms == null ? null : end.ms - start.ms;
    return { label: end.label, spent, rss: end.pid === null ? null : rssMb(end.pid), shared: end.pid === null };
  });
  const sum = (list) => list.reduce((total, r) => total + (r.spent ?? 0), 0);
  const per = (ms) => (units > 0 ? (ms / units).toFixed(2) : '-');
  const line = (r) => {
    const cpu = r.spent === null ? 'exited' : per(r.spent);
    return `    ${r.label.padEnd(16)} ${cpu.padStart(8)}   ${r.rss === null ? '     -' : r.rss.toFixed(0).padStart(6)}`;
  };
  const ours = rows.filter((r) => !r.shared);
  const shared = rows.filter((r) => r.shared);
  return [
    `  CPU per ${unitName} (ms, from /proc/<pid>/stat)   RSS now (MB)`,
    ...ours.map(line),
    `    ${'total'.padEnd(16)} ${per(sum(ours)).padStart(8)}`,
    ...shared.map(line),
    `    ${'with them'.padEnd(16)} ${per(sum(rows)).padStart(8)}`,
  ].join('\n');
}
