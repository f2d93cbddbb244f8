// The re-check row's measurement: random one-character edits of a report, each followed by a
// re-check through the engine's incremental API (or a full lint without one). Run in the bench's
// process and in a process of its own (`recheck-child.mjs`, started with the server's V8 flags):
// see bench/README.md for why both are printed.
import { performance } from 'perf_hooks';
import { prng } from './inputs.mjs';
import { summarize, cpuMs } from './stats.mjs';
import { incrementalApi } from './engine.mjs';

/**
 * Times `edits` random edits of `base` after `warmup` untimed ones (the first `early` of those are
 * timed apart: the first edits after opening). With an incremental API the last result is compared
 * with a full lint of the same text.
 */
export function measureRecheck(engine, root, base, { edits = 300, warmup = 100, early = 50, seed = 42 } = {}) {
  const rand = prng(seed);
  const edit = (text) => {
    let at = Math.floor(rand() * text.length);
    const c = text.charCodeAt(at);
    if (c >= 0xdc00 && c <= 0xdfff) at--; // never split a surrogate pair
    const op = rand();
    if (op < 0.4) return text.slice(0, at) + '的' + text.slice(at); // insert
    if (op < 0.7 && text[at] !== '\n') return text.slice(0, at) + text.slice(at + 1); // delete
    return text.slice(0, at) + (text[at] === '\n' ? '\n' : '。') + text.slice(at + 1); // replace
  };
  const api = incrementalApi(engine, root);
  const samples = [];
  const cpu = [];
  let text = base;
  let finalResult;
  const linter = api ? api.start({ format: 'plain' }) : { check: (t) => engine.lint(t, { format: 'plain' }) };
  linter.check(text);
  const first = [];
  const firstCpu = [];
  for (let i = 0; i < warmup; i++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    linter.check((text = edit(text)));
    if (i < early) {
      first.push(performance.now() - t0);
      firstCpu.push(cpuMs() - c0);
    }
  }
  const editStart = performance.now();
  for (let i = 0; i < edits; i++) {
    if (i >= 20 && performance.now() - editStart > 30_000) break; // a slow full re-lint: 20 edits say enough
    const c0 = cpuMs();
    const t0 = performance.now();
    text = edit(text);
    finalResult = linter.check(text);
    samples.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
  }
  // An incremental result must equal a full check of the same text.
  let agrees = null;
  if (api) {
    const key = (r) => JSON.stringify(r.findings.map((f) => [f.rule, f.start, f.end, f.severity, f.message?.en]));
    agrees = key(finalResult) === key(engine.lint(text, { format: 'plain' }));
  }
  return { api: api?.kind ?? null, ...summarize(samples, cpu), warmup, agreesWithFullCheck: agrees, firstEdits: summarize(first, firstCpu) };
}
