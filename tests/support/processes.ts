// Process-tree helpers over Linux /proc. Why not process groups: Playwright's persistent context
// does not expose the browser's pid, and WebKit's browser is started by WebKitWebDriver, not by
// us; the one thing every engine shares is that its main process names the profile folder on its
// command line. A "crash" must take down every helper process too (renderers, GPU, network
// process), since e.g. WebKit and Chromium write IndexedDB from a helper process.
import { readdirSync, readFileSync } from 'node:fs';

interface ProcInfo {
  pid: number;
  ppid: number;
  state: string;
  cmdline: string[];
}

function readProc(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid: Number(rest[1]), state: rest[0] ?? '?', cmdline };
  } catch {
    return null; // gone between readdir and read
  }
}

function allProcs(): ProcInfo[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readProc(Number(entry)))
    .filter((info): info is ProcInfo => info !== null);
}

function isAlive(info: ProcInfo | null): boolean {
  // Zombies count as dead: they hold no files and, in containers whose pid 1 does not reap, stay forever.
  return info !== null && info.state !== 'Z' && info.state !== 'X';
}

/** Live processes with `value` as a command-line argument, alone or as `--flag=value` (e.g. a profile path). */
export function pidsWithArgument(value: string): number[] {
  return allProcs()
    .filter((p) => isAlive(p) && p.cmdline.some((arg) => arg === value || arg.endsWith(`=${value}`)))
    .map((p) => p.pid);
}

/** The given roots and all their live descendants. */
export function processTree(roots: number[]): number[] {
  const procs = allProcs().filter(isAlive);
  const result = new Set<number>(roots.filter((pid) => procs.some((p) => p.pid === pid)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!result.has(p.pid) && result.has(p.ppid)) {
        result.add(p.pid);
        grew = true;
      }
    }
  }
  return [...result];
}

/** SIGKILL every pid given, ignoring those already gone. */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already exited
    }
  }
}

/** Resolves true once none of `pids` is alive, false on timeout. */
export async function waitForExit(pids: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!pids.some((pid) => isAlive(readProc(pid)))) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** SIGKILL the processes naming `profileDir` and their descendants, and wait until they are gone. */
export async function killProfileProcesses(profileDir: string): Promise<void> {
  if (!profileDir) return; // never launched: an empty needle would match unrelated processes
  const pids = processTree(pidsWithArgument(profileDir));
  killAll(pids);
  if (!(await waitForExit(pids, 10_000))) throw new Error(`processes survived SIGKILL: ${pids.join(' ')}`);
}
