// CPU time of the processes a benchmark runs, read from /proc (Linux), so a figure can say what each
// part of the system costs per reading.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on every Linux the platform runs on). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  /** utime + stime, in ticks. */
  readonly own: number;
  /** cutime + cstime: children that exited and were reaped, in ticks. */
  readonly reaped: number;
}

/** Fields after the command name, which may itself hold spaces and parentheses. */
function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // gone meanwhile
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime..cstime fields 14..17.
  return {
    pid,
    ppid: Number(fields[1]),
    own: Number(fields[11]) + Number(fields[12]),
    reaped: Number(fields[13]) + Number(fields[14]),
  };
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function processCpuSeconds(pid: number): number {
  return (readStat(pid)?.own ?? 0) / TICKS_PER_SECOND;
}

/**
 * CPU seconds of a process tree whose children come and go (a PostgreSQL postmaster and its backends):
 * the parent's own time, the time of its children that exited (reaped into its cutime/cstime), and the
 * time of the children alive now. A backend that exits between two readings moves from the third term to
 * the second, so the difference of two readings counts it once.
 */
export function processTreeCpuSeconds(rootPid: number): number {
  const root = readStat(rootPid);
  if (!root) return 0;
  let ticks = root.own + root.reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.ppid === rootPid) ticks += stat.own;
  }
  return ticks / TICKS_PER_SECOND;
}
