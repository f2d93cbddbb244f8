// `.reportlint.yaml`: parsing with positions, validation against one schema, and resolution.

import { parseDocument, visit, isMap, isSeq, isScalar, LineCounter, type Node as YamlNode, type Pair } from 'yaml';
import type { Severity, SeveritySetting } from './types';
import { compileUserPattern, PatternError, type CompiledPattern } from './patterns';

export const CONFIG_FILE_NAME = '.reportlint.yaml';

/** A problem in a config file, with offsets into that file. */
export interface ConfigProblem {
  message: string;
  severity: Severity;
  start: number;
  end: number;
  line: number;
  column: number;
}

export interface SectionOverride {
  id: string;
  name?: { zh: string; en: string };
  required?: boolean;
  headings?: string[];
  cues?: string[];
}

/** The validated, compiled configuration the engine runs with. */
export interface ResolvedConfig {
  profile?: string;
  rules: Record<string, SeveritySetting>;
  placeholders: { extra: CompiledPattern[]; ignore: CompiledPattern[] };
  sections: SectionOverride[];
  /** Other validated top-level keys, for features that read them (facts, variables …). */
  extensions: Record<string, unknown>;
}

export function defaultConfig(): ResolvedConfig {
  return { rules: {}, placeholders: { extra: [], ignore: [] }, sections: [], extensions: {} };
}

// The schema: one source for validation here and for the JSON schema contributed to VS Code.
export type SchemaNode =
  | { type: 'object'; description?: string; properties: Record<string, SchemaNode>; additionalProperties?: SchemaNode | false }
  | { type: 'array'; description?: string; items: SchemaNode }
  | { type: 'string'; description?: string; enum?: string[]; pattern?: 'user-pattern' }
  | { type: 'number'; description?: string }
  | { type: 'boolean'; description?: string }
  /** A string, number or boolean (e.g. a variable's value: `年度: 2024`). */
  | { type: 'scalar'; description?: string };

const SEVERITY_SETTINGS = ['off', 'hint', 'info', 'warning', 'error'];
const userPatternList: SchemaNode = {
  type: 'array',
  items: { type: 'string', pattern: 'user-pattern', description: 'A literal string, or /regex/flags' },
};

export const CONFIG_SCHEMA: SchemaNode = {
  type: 'object',
  description: 'report-lint configuration',
  properties: {
    profile: {
      type: 'string',
      description: 'The report profile to check against; chosen from the title when absent.',
      enum: ['zh-work-summary', 'zh-duty-report', 'zh-research-report', 'zh-gov-work-report', 'en-status-report'],
    },
    rules: {
      type: 'object',
      description: 'Severity per rule id: off, hint, info, warning or error.',
      properties: {},
      additionalProperties: { type: 'string', enum: SEVERITY_SETTINGS },
    },
    placeholders: {
      type: 'object',
      description: 'Extra template markers to flag, and text that looks like one but is not.',
      properties: { extra: userPatternList, ignore: userPatternList },
      additionalProperties: false,
    },
    maxLength: {
      type: 'object',
      description: '字数 limits (counted as Word/WPS 字数): for the document, per section (id or name), and per profile.',
      properties: {
        document: { type: 'number' },
        sections: { type: 'object', properties: {}, additionalProperties: { type: 'number' } },
        profiles: {
          type: 'object',
          properties: {},
          additionalProperties: {
            type: 'object',
            properties: { document: { type: 'number' }, sections: { type: 'object', properties: {}, additionalProperties: { type: 'number' } } },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    variables: {
      type: 'object',
      description: 'Values for placeholders, by name (单位: 红河镇, 年度: 2024).',
      properties: {},
      additionalProperties: { type: 'scalar' },
    },
    fill: {
      type: 'object',
      description: 'Which placeholder text stands for which variable (xx镇: 单位).',
      properties: {},
      additionalProperties: { type: 'string' },
    },
    terms: {
      type: 'array',
      description: 'Extra official formulations for the term rule: the exact text, its known wrong forms, where it comes from.',
      items: {
        type: 'object',
        properties: {
          canonical: { type: 'string', description: 'The exact formulation.' },
          wrong: userPatternList,
          name: { type: 'string' },
          source: { type: 'string', description: 'Where the formulation is laid down.' },
          effective: { type: 'string', description: 'YYYY-MM-DD from which it applies.' },
          near: { type: 'boolean', description: 'Also report near misses (default true).' },
        },
        additionalProperties: false,
      },
    },
    sections: {
      type: 'array',
      description: "Overrides of the profile's sections, by id; a new id adds a section.",
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } }, additionalProperties: false },
          required: { type: 'boolean' },
          headings: userPatternList,
          cues: userPatternList,
        },
        additionalProperties: false,
      },
    },
    facts: {
      type: 'object',
      description: 'Authoritative figures the report must agree with (rule figure-fact), e.g. 志愿者人数: {value: 200, unit: 人, match: [志愿者]}.',
      properties: {},
      additionalProperties: {
        type: 'object',
        properties: {
          value: { type: 'number', description: 'The authoritative value.' },
          unit: { type: 'string', description: 'Its unit or classifier: 人, 个, 万元, %.' },
          match: { type: 'array', description: 'Words that name this figure in the text.', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

/** Lets later features declare their own top-level keys in the one schema. */
export function registerConfigKey(key: string, schema: SchemaNode): void {
  if (CONFIG_SCHEMA.type === 'object') CONFIG_SCHEMA.properties[key] = schema;
}

export interface ParsedConfig {
  config: ResolvedConfig;
  problems: ConfigProblem[];
}

/** Parses and validates a config file's text; never throws, falls back to defaults per key. */
export interface ParseConfigOptions {
  /**
   * False in an untrusted workspace: every /regex/ in the file is reported and left out, so that
   * a stranger's config adds plain strings only.
   */
  trusted?: boolean;
  /** Rule ids that `rules:` may name; others get a warning (a typo would silently do nothing). */
  knownRules?: string[];
}

const REGEX_LITERAL = /^\/.+\/[a-z]*$/s;

export function parseConfig(text: string, options: ParseConfigOptions = {}): ParsedConfig {
  const lineCounter = new LineCounter();
  const problems: ConfigProblem[] = [];
  const problem = (message: string, range: [number, number] | undefined, severity: Severity = 'error') => {
    const [start, end] = range ?? [0, Math.min(text.length, 1)];
    const pos = lineCounter.linePos(start);
    problems.push({ message, severity, start, end: Math.max(end, start + 1), line: pos.line, column: pos.col });
  };
  const config = defaultConfig();
  if (text.includes('\u0000')) {
    problem('The config file is binary, not YAML; defaults are used.', undefined);
    return { config, problems };
  }
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) problem(`YAML syntax error: ${e.message.split('\n')[0]}`, e.pos);
  if (doc.errors.length) return { config, problems };
  const root = doc.contents as YamlNode | null;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, problems };
  if (options.trusted === false) {
    const untrusted = (node: YamlNode) =>
      problem(`${String((node as { value?: unknown }).value)}: regular expressions are not allowed in an untrusted workspace; ignored (trust the workspace to use it)`, rangeOf(node), 'warning');
    visit(doc, {
      Pair(_, pair) {
        const v = pair.value as YamlNode | null;
        if (isScalar(v) && typeof v.value === 'string' && REGEX_LITERAL.test(v.value)) {
          untrusted(v);
          return visit.REMOVE;
        }
        return undefined;
      },
      Scalar(_, node, path) {
        if (isSeq(path[path.length - 1]) && typeof node.value === 'string' && REGEX_LITERAL.test(node.value)) {
          untrusted(node);
          return visit.REMOVE;
        }
        return undefined;
      },
    });
  }
  const valid = new Set<string>();
  validate(root, CONFIG_SCHEMA, 'config', problem, valid);
  if (!isMap(root)) return { config, problems };

  for (const pair of root.items as Pair<YamlNode, YamlNode>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    if (!value || !valid.has(key)) continue;
    const plain = value.toJSON();
    if (key === 'profile') config.profile = plain as string;
    else if (key === 'rules') {
      config.rules = plain as Record<string, SeveritySetting>;
      const known = options.knownRules;
      if (known && isMap(value)) {
        for (const rulePair of value.items as Pair<YamlNode, YamlNode>[]) {
          const id = isScalar(rulePair.key) ? String(rulePair.key.value) : '';
          if (!known.includes(id)) problem(`rules: unknown rule "${id}"${closest(id, known) ? ` (did you mean "${closest(id, known)}"?)` : ''}`, rangeOf(rulePair.key), 'warning');
        }
      }
    }
    else if (key === 'placeholders') {
      for (const which of ['extra', 'ignore'] as const) {
        const list = isMap(value) ? value.get(which, true) : undefined;
        if (!isSeq(list)) continue;
        for (const item of list.items as YamlNode[]) {
          try {
            config.placeholders[which].push(compileUserPattern(String((item as { value?: unknown }).value)));
          } catch (e) {
            if (e instanceof PatternError) problem(e.message, item.range ? [item.range[0], item.range[1]] : undefined);
            else throw e;
          }
        }
      }
    } else if (key === 'sections') {
      config.sections = (plain as SectionOverride[]).filter((s) => s && typeof s.id === 'string');
      checkPatternsIn(value, ['headings', 'cues'], problem);
    } else if (key === 'terms') {
      config.extensions[key] = plain;
      checkPatternsIn(value, ['wrong'], problem);
    } else config.extensions[key] = plain;
  }
  return { config, problems };
}

/** The known id nearest to a mistyped one (edit distance at most 3), if any. */
function closest(id: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const k of known) {
    const d = editDistance(id, k, bestDistance);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

type ProblemSink = (message: string, range: [number, number] | undefined, severity?: Severity) => void;

function checkPatternsIn(seq: YamlNode, keys: string[], problem: ProblemSink): void {
  if (!isSeq(seq)) return;
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    for (const k of keys) {
      const list = item.get(k, true);
      if (!isSeq(list)) continue;
      for (const p of list.items as YamlNode[]) {
        try {
          compileUserPattern(String((p as { value?: unknown }).value));
        } catch (e) {
          problem((e as Error).message, p.range ? [p.range[0], p.range[1]] : undefined);
        }
      }
    }
  }
}

const rangeOf = (n: YamlNode | null | undefined): [number, number] | undefined => (n?.range ? [n.range[0], n.range[1]] : undefined);

/** Validates a node against the schema, reporting each problem; returns whether it is valid. */
function validate(node: YamlNode, schema: SchemaNode, path: string, problem: ProblemSink, validKeys?: Set<string>): boolean {
  const value = isScalar(node) ? node.value : undefined;
  switch (schema.type) {
    case 'object': {
      if (!isMap(node)) {
        problem(`${path} must be a mapping (key: value)`, rangeOf(node));
        return false;
      }
      let allOk = true;
      for (const pair of node.items as Pair<YamlNode, YamlNode>[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) {
          problem(`${path}: keys must be plain strings`, rangeOf(pair.key));
          allOk = false;
          continue;
        }
        const sub = schema.properties[key] ?? (schema.additionalProperties || undefined);
        if (!sub) {
          const known = Object.keys(schema.properties);
          problem(`${path}: unknown key "${key}"${known.length ? ` (known: ${known.join(', ')})` : ''}`, rangeOf(pair.key), 'warning');
          continue;
        }
        if (pair.value === null || pair.value === undefined) {
          problem(`${path}.${key} has no value`, rangeOf(pair.key));
          allOk = false;
          continue;
        }
        if (validate(pair.value, sub, `${path}.${key}`, problem)) validKeys?.add(key);
        else allOk = false;
      }
      return allOk;
    }
    case 'array': {
      if (!isSeq(node)) {
        problem(`${path} must be a list`, rangeOf(node));
        return false;
      }
      let allOk = true;
      node.items.forEach((item, i) => {
        if (!validate(item as YamlNode, schema.items, `${path}[${i}]`, problem)) allOk = false;
      });
      return allOk;
    }
    case 'string':
      if (!isScalar(node) || typeof value !== 'string') {
        problem(`${path} must be a string`, rangeOf(node));
        return false;
      }
      if (schema.enum && !schema.enum.includes(value)) {
        problem(`${path}: "${value}" is not one of ${schema.enum.join(', ')}`, rangeOf(node));
        return false;
      }
      return true;
    case 'number':
      if (!isScalar(node) || typeof value !== 'number') {
        problem(`${path} must be a number`, rangeOf(node));
        return false;
      }
      return true;
    case 'boolean':
      if (!isScalar(node) || typeof value !== 'boolean') {
        problem(`${path} must be true or false`, rangeOf(node));
        return false;
      }
      return true;
    case 'scalar':
      if (!isScalar(node) || value === null || typeof value === 'object') {
        problem(`${path} must be a single value (text or number)`, rangeOf(node));
        return false;
      }
      return true;
  }
}

/** The JSON schema for `.reportlint.yaml`, generated from CONFIG_SCHEMA. */
export function configJsonSchema(): object {
  const convert = (s: SchemaNode): Record<string, unknown> => {
    const out: Record<string, unknown> = { type: s.type === 'scalar' ? ['string', 'number', 'boolean'] : s.type };
    if (s.description) out.description = s.description;
    if (s.type === 'object') {
      out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, convert(v)]));
      out.additionalProperties = s.additionalProperties === undefined ? true : s.additionalProperties === false ? false : convert(s.additionalProperties);
    } else if (s.type === 'array') out.items = convert(s.items);
    else if (s.type === 'string' && s.enum) out.enum = s.enum;
    return out;
  };
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: '.reportlint.yaml', ...convert(CONFIG_SCHEMA) };
}
