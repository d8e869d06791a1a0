// CPU time per process on this machine, read from /proc, grouped by what the process is: to see which
// part of a browser test (its own process, each Chromium process type, mediasoup, the databases, or
// someone else's work on the shared cores) is busy during a measured step.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) per process id, with a label. */
export type CpuSnapshot = Map<number, { label: string; seconds: number }>;

/** A process now running: its parent, its CPU seconds so far (user + system) and its command line. */
export interface ProcessRow {
  pid: number;
  ppid: number;
  seconds: number;
  cmdline: string;
}

/** Every process on this machine (from /proc), by pid. */
export function processTable(): Map<number, ProcessRow> {
  const out = new Map<number, ProcessRow>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields follow the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
      out.set(pid, { pid, ppid: Number(fields[1]), seconds, cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ') });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

export function cpuSnapshot(testPid = process.pid): CpuSnapshot {
  const out: CpuSnapshot = new Map();
  for (const { pid, seconds, cmdline } of processTable().values()) out.set(pid, { label: labelOf(pid, cmdline, testPid), seconds });
  return out;
}

function labelOf(pid: number, cmdline: string, testPid: number): string {
  if (pid === testPid) return 'test process (jest, Playwright, meeting service, gateway)';
  if (cmdline.includes('FlakyLink.start')) return 'signalling relay (FlakyLinkProcess)';
  if (cmdline.includes('mediasoup-worker')) return 'mediasoup worker';
  if (/chrom/i.test(cmdline)) {
    const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
    if (type === 'utility') return `chromium ${/--utility-sub-type=([\w.]+)/.exec(cmdline)?.[1] ?? 'utility'}`;
    return `chromium ${type ?? 'browser'}`;
  }
  if (cmdline.startsWith('postgres')) return 'postgres';
  if (cmdline.includes('redis-server')) return 'redis';
  return 'other';
}

/** Seconds of CPU per label between two snapshots (processes that started in between count in full). */
export function cpuDelta(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pid, { label, seconds }] of after) {
    const spent = seconds - (before.get(pid)?.seconds ?? 0);
    if (spent > 0) out[label] = (out[label] ?? 0) + spent;
  }
  return out;
}
