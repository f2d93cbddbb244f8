// The CLI's JSON output (`--format json`), in a module of its own so that tests can import it
// (cli.ts runs the command when it is the main module, which a bundled test file is).
import type { CliFinding } from './cli';

/**
 * Prints the findings as `JSON.stringify(findings, [file, line, column, endLine, endColumn, rule,
 * severity, message], 2)` would, byte for byte, one finding at a time: the output goes out in small
 * pieces instead of one string of the whole (a 1 MB report's 3,500 findings make 0.9 M characters,
 * which as one string, its flattened copy and its UTF-8 bytes are ≈ 1,000 pages of fresh memory, and
 * a fresh page costs a page fault: ≈ 4 ms a megabyte on a virtual machine).
 */
export function writeJson(findings: CliFinding[], out: (s: string) => void): void {
  if (findings.length === 0) {
    out('[]\n');
    return;
  }
  // One file's findings name it each time: quoted once.
  let file: string | undefined;
  let quotedFile = '';
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    if (f.file !== file) quotedFile = JSON.stringify((file = f.file));
    out(
      `${i === 0 ? '[\n' : ',\n'}  {\n    "file": ${quotedFile},\n    "line": ${f.line},\n    "column": ${f.column},\n    "endLine": ${f.endLine},\n    "endColumn": ${f.endColumn},\n` +
        `    "rule": ${JSON.stringify(f.rule)},\n    "severity": ${JSON.stringify(f.severity)},\n    "message": ${JSON.stringify(f.message)}\n  }`,
    );
  }
  out('\n]\n');
}
