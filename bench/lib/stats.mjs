// Timing helpers: medians and p95 (nearest rank) over runs after a warm-up, with a time cap so the
// whole bench stays under a few minutes whatever the engine's speed.
import { performance } from 'perf_hooks';
import { readFileSync } from 'fs';

export function summarize(samples, cpu) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (xs, q) => xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))];
  const out = { runs: s.length, median: at(s, 0.5), p95: at(s, 0.95), min: s[0], max: s[s.length - 1] };
  if (cpu?.length) out.cpuMedian = at([...cpu].sort((a, b) => a - b), 0.5);
  return out;
}

/** CPU time (user + system, ms) of this process so far: unlike wall time, barely moved by other load. */
export function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux
/** CPU time (ms) of this process's waited-for children so far, from /proc/self/stat (cutime + cstime). */
export function childCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/**
 * Runs `fn` `warmup` times, then up to `runs` times (at least `minRuns`) or until `capMs` of
 * measured time is spent. Returns the summary of the durations in ms.
 */
export function measure(fn, { warmup = 3, runs = 15, minRuns = 3, capMs = 8000 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  const cpu = [];
  let spent = 0;
  while (samples.length < runs && (samples.length < minRuns || spent < capMs)) {
    const c0 = cpuMs();
    const t0 = performance.now();
    fn();
    const dt = performance.now() - t0;
    cpu.push(cpuMs() - c0);
    samples.push(dt);
    spent += dt;
  }
  return summarize(samples, cpu);
}

export const round = (x, d = 2) => (x === undefined || x === null || Number.isNaN(x) ? x : Math.round(x * 10 ** d) / 10 ** d);
