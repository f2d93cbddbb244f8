// The V8 flags of the command line, shared by the CLI bundle (dist/cli.js) and its launcher
// (dist/cli-launch.js, the `report-lint` bin), which must set the very same flags before it compiles
// the bundle: V8 accepts a code cache only in a process whose flags hash as the producer's did.

// V8 optimises a function once it has run for a fixed budget of bytecode (--interrupt-budget, 66 KB
// in Node 20). A one-shot check is over before most of that optimising pays back: with eight times
// the budget only the really hot functions get optimised, and a 1 MB report checks in ≈ 13 % less
// wall time and ≈ 25 % less CPU (still faster at 5 MB). The results are the same; only the
// command line does this, never the language server, which runs for hours.
export const CLI_INTERRUPT_BUDGET = 8 * 67584;

// --no-regexp-tier-up: V8 first compiles a regex to bytecode for its interpreter and compiles it
// again to machine code on its second execution; a check executes most of its few hundred regexes
// many times, so compiling each to machine code at once saves the bytecode step: ≈ 26 M
// instructions of a 1 MB check (1.6 %), 10 M of a 10 KB one, 23 M of a 50 KB corpus report.
// --no-parallel-scavenge: V8 clears its young generation with helper threads, which on a 1 MB check
// (≈ 11 scavenges of a few MB) cost more to hand work to and wait for than they save: one thread
// pauses ≈ 5 ms less in all (36.7 against 41.7 ms, median of 15 alternating runs) and the helpers'
// CPU time is saved. The server keeps V8's default.
//
// --semi-space-growth-factor=1: the young generation stays at its first size (1 MB a semi-space)
// instead of doubling up to 8 MB as a check allocates. Every page of memory a process touches for
// the first time costs a page fault, and on a virtual machine (this project's CI, cloud editors)
// that is ≈ 4 ms a megabyte: the larger young generation cost ≈ 1,200 more faults on a 1 MB check
// (8,550 → 7,350 with the flag), more than the 23 extra scavenges of a small one cost (their pauses
// add ≈ 3 ms; +15 M instructions, 1 %).
export const CLI_V8_FLAGS = `--interrupt-budget=${CLI_INTERRUPT_BUDGET} --no-regexp-tier-up --no-parallel-scavenge --semi-space-growth-factor=1`;

/**
 * v8.setFlagsFromString without loading the `v8` module, whose own imports (heap snapshots, and
 * through them all of Node's stream modules) cost ≈ 32 M instructions, 1.7 % of a 1 MB check:
 * process.binding('v8') is the binding that module wraps (the same function). Reading it emits a
 * deprecation warning (DEP0111), silenced for the call; a Node without it gets the module.
 */
export function setV8Flags(flags: string): void {
  const binding = (process as unknown as { binding?: (name: string) => { setFlagsFromString?: (f: string) => void } }).binding;
  const quiet = process.noDeprecation;
  let set: ((f: string) => void) | undefined;
  try {
    process.noDeprecation = true;
    set = binding?.call(process, 'v8').setFlagsFromString;
  } catch {
    set = undefined;
  } finally {
    process.noDeprecation = quiet;
  }
  if (typeof set === 'function') set(flags);
  else (require('v8') as typeof import('v8')).setFlagsFromString(flags);
}
