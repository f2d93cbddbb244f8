// Writing help for the language server: completions, outline, folding, 字数, placeholder filling
// and renumbering. Pure functions over the report model; the server maps them to LSP requests.

export { completionsAt, markerText, sectionHeadingText, type AssistCompletion, type AssistCompletionKind } from './completions';
export { documentSymbols, foldingRanges, flattenSymbols, sectionSpans, reportLanguage, type OutlineSymbol, type OutlineKind, type FoldingRange, type SectionSpan, type UiLanguage } from './outline';
export { characterCount, spanCount, blockCount, countReport, sectionCountAt, lengthLimits, sectionLimit, type CountReport, type SectionCount, type MaxLengthSetting, type LengthLimits } from './count';
export { reportOutline, type ReportOutline } from './report-outline';
export { placeholderFixes, fillAllPlaceholders, readFillSettings, resolvePlaceholder, occurrences, type FillSettings } from './fill';
export { renumberEdits, renumberFix, numberedBlockAt } from './renumber';
