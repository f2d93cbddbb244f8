// Random edit sequences for the property tests of the incremental paths (a linter's re-checks, the
// shared outline): each test types them into a report and compares with a check from scratch.

import fc from 'fast-check';
import { createLinter, type DocumentFormat, type LintResult } from '../../server/src/engine';

/** A place (wrapped into the text), how many characters to delete from it, the pieces to insert there. */
export type RandomEdit = [at: number, deleted: number, inserted: string[]];

/** One to `maxEdits` edits inserting pieces of `alphabet`. */
export const randomEdits = (alphabet: fc.Arbitrary<string>, maxDeleted: number, maxPieces: number, maxEdits = 8): fc.Arbitrary<RandomEdit[]> =>
  fc.array(fc.tuple(fc.nat(), fc.nat({ max: maxDeleted }), fc.array(alphabet, { maxLength: maxPieces })), { minLength: 1, maxLength: maxEdits });

const anyFormat = fc.constantFrom<DocumentFormat>('plain', 'markdown');

/** The text after one edit: its place taken modulo the text's length + 1, its deletion cut at the end. */
export function applyEdit(text: string, [at, deleted, inserted]: RandomEdit): string {
  const start = at % (text.length + 1);
  const end = Math.min(text.length, start + deleted);
  return text.slice(0, start) + inserted.join('') + text.slice(end);
}

/**
 * The property of every incremental path: random edits of `pieces` typed one after the other into
 * `base` (plain and Markdown), each re-checked by one linter; `expect` sees each re-check, its text
 * and format, and compares them with a check from scratch.
 */
export function assertRechecks(
  base: string,
  pieces: string[],
  edits: { maxDeleted: number; maxPieces: number; runs: number },
  expect: (result: LintResult, text: string, format: DocumentFormat) => void,
): void {
  fc.assert(
    fc.property(randomEdits(fc.constantFrom(...pieces), edits.maxDeleted, edits.maxPieces), anyFormat, (typed, format) => {
      const linter = createLinter();
      let text = base;
      linter.lint(text, { format });
      for (const edit of typed) {
        text = applyEdit(text, edit);
        expect(linter.lint(text, { format }), text, format);
      }
    }),
    { numRuns: edits.runs },
  );
}
