// Core types shared by the engine, the language server, the CLI and the renderers.
// All offsets are UTF-16 code-unit offsets into the original text; ranges are [start, end).

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A message in both UI languages; the caller picks one. */
export interface LocalizedText {
  zh: string;
  en: string;
}

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: LocalizedText;
  edits: TextEdit[];
  /** Safe to apply without looking (used by fix-all and `--fix`). */
  safe?: boolean;
}

export interface Finding {
  rule: string;
  severity: Severity;
  start: number;
  end: number;
  message: LocalizedText;
  fixes?: Fix[];
  /** Rule-specific data (e.g. the computed value of a figure). */
  data?: Record<string, unknown>;
}

/** A finding before the engine applies the configured severity. */
export type RuleFinding = Omit<Finding, 'rule' | 'severity'> & { severity?: Severity };

export interface Span {
  start: number;
  end: number;
}

export type DocumentFormat = 'markdown' | 'plain';
