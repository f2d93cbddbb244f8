// What the editor asks for after each edit of a report — its outline, folding ranges and 字数 code
// lenses — worked out once per checked version and shared by the three requests: each used to build
// the outline again (folding and the counts from the outline), three outlines per version.

import type { ReportModel } from '../model';
import type { SectionMatch } from '../profiles';
import { documentSymbols, foldingRanges, reportLanguage, type FoldingRange, type OutlineSymbol, type UiLanguage } from './outline';
import { countReport, type CountReport } from './count';

/**
 * The outline of one version and what follows from it, each computed when first read. The objects
 * are shared by every caller asking for the same model, sections and language: read them, do not
 * change them.
 */
export interface ReportOutline {
  /** `documentSymbols(model, sections, lang)`. */
  readonly symbols: OutlineSymbol[];
  /** `countReport(model, sections, symbols, lang)`. */
  readonly counts: CountReport;
  /** `foldingRanges(model, sections)`. */
  readonly folding: FoldingRange[];
}

class Outline implements ReportOutline {
  private symbolsMade?: OutlineSymbol[];
  private countsMade?: CountReport;
  private foldingMade?: FoldingRange[];
  constructor(
    private readonly model: ReportModel,
    readonly sections: SectionMatch[],
    readonly lang: UiLanguage,
  ) {}
  get symbols(): OutlineSymbol[] {
    return (this.symbolsMade ??= documentSymbols(this.model, this.sections, this.lang));
  }
  get counts(): CountReport {
    return (this.countsMade ??= countReport(this.model, this.sections, this.symbols, this.lang));
  }
  get folding(): FoldingRange[] {
    return (this.foldingMade ??= foldingRanges(this.model, this.sections, this.symbols));
  }
}

// Keyed by the model: each checked version has a model of its own (a re-check makes a new one, and
// the earlier one is not read again), and an entry goes when its model does.
const outlines = new WeakMap<ReportModel, Outline[]>();

/**
 * The outline, 字数 and folding ranges of a checked version, made once for that model, sections
 * and language and shared by whoever asks again (the language server's outline, code lens and
 * folding requests after each edit). Equal to calling the three functions.
 */
export function reportOutline(model: ReportModel, sections: SectionMatch[], lang: UiLanguage = reportLanguage(model)): ReportOutline {
  let list = outlines.get(model);
  if (!list) outlines.set(model, (list = []));
  let o = list.find((x) => x.sections === sections && x.lang === lang);
  if (!o) {
    o = new Outline(model, sections, lang);
    // The server asks in one language; a caller switching back and forth keeps two.
    if (list.length >= 2) list.shift();
    list.push(o);
  }
  return o;
}
