// Random edit sequences for the property tests of the incremental paths (a linter's re-checks, the
// shared outline): each test types them into a report and compares with a check from scratch.

import fc from 'fast-check';
import { createLinter, type DocumentFormat, type LintResult } from '../../server/src/engine';

/** A place (wrapped into the text), how many characters to delete from it, the pieces to insert there. */
export type RandomEdit = [at: number, deleted: number, inserted: string[]];

/** One to `maxEdits` edits inserting pieces of `alphabet`. */
export const randomEdits = (alphabet: fc.Arbitrary<string>, maxDeleted: number, maxPieces: number, maxEdits = 8): fc.Arbitrary<RandomEdit[]> =>
  fc.array(fc.tuple(fc.nat(), fc.nat({ max: maxDeleted }), fc.array(alphabet, { maxLength: maxPieces })), { minLength: 1, maxLength: maxEdits });

export const anyFormat = fc.constantFrom<DocumentFormat>('plain', 'markdown');

/** The text after one edit: its place taken modulo the text's length + 1, its deletion cut at the end. */
export function applyEdit(text: string, [at, deleted, inserted]: RandomEdit): string {
  const start = at % (text.length + 1);
  const end = Math.min(text.length, start + deleted);
  return text.slice(0, start) + inserted.join('') + text.slice(end);
}

/** Types the edits one after the other into `text` checked by one linter; `expect` sees each re-check and its text. */
export function recheckEach(text: string, edits: RandomEdit[], format: DocumentFormat, expect: (result: LintResult, text: string) => void): void {
  const linter = createLinter();
  linter.lint(text, { format });
  for (const edit of edits) {
    text = applyEdit(text, edit);
    expect(linter.lint(text, { format }), text);
  }
}
