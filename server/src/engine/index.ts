// The engine's public API: a pure library used by the language server, the CLI and the tests.

export * from './types';
export { LineIndex, type Position } from './text';
export { parseReport, parseMarker, type ReportModel, type Block, type HeadingMarker, type TableCell } from './model';
export { lint, chooseProfile, type LintOptions, type LintResult, type RuleFailure } from './lint';
export { parseConfig, defaultConfig, configJsonSchema, registerConfigKey, CONFIG_FILE_NAME, CONFIG_SCHEMA, type ResolvedConfig, type ConfigProblem, type ParsedConfig, type SchemaNode, type ParseConfigOptions } from './config';
export { builtinProfiles, findProfile, detectProfile, matchSections, type Profile, type SectionMatch, type SectionSpec } from './profiles';
export { RULES, findRule } from './rules';
export type { Rule, RuleContext } from './rules/types';
export { decideReport, decodeReportBytes, formatOf, DEFAULT_INCLUDE, type DecodedText } from './detect';
export { parseChineseNumeral, toChineseNumeral } from './numerals';
export { safeFixEdits, hasSafeFix, applyEdits } from './fixes';
export { lintModel, createLintCache, type LintCache } from './lint';
export { createLinter, reparse, type Linter } from './incremental';
export { blockRule } from './rules/types';
