// The command line: report-lint [--format text|json] [--config FILE] [--profile ID] PATH...

import * as fs from 'fs';
import * as path from 'path';
import { lint, decideReport, decodeReportBytes, formatOf, findProfile, builtinProfiles, LineIndex, type Finding, type ResolvedConfig } from './engine';
import { findConfigFile, loadConfigFile, type LoadedConfig } from './configFiles';

const USAGE = `Usage: report-lint [options] PATH...

Checks report files (.txt, .md, .report) and prints their findings.
Directories are walked for .txt/.md/.report files that are reports.

Options:
  --format text|json   output format (default: text)
  --config FILE        use this .reportlint.yaml instead of looking for one
  --profile ID         check against this profile (${'${profiles}'})
  --help               show this help

Exit status: 0 no findings at warning or above; 1 findings at warning or above;
2 bad usage or unreadable input.`;

interface Options {
  format: 'text' | 'json';
  config?: string;
  profile?: string;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' {
  const opts: Options = { format: 'text', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'text' && f !== 'json') throw new UsageError(`unknown format "${f}" (text or json)`);
      opts.format = f;
    } else if (a === '--config' || a.startsWith('--config=')) opts.config = value('--config');
    else if (a === '--profile' || a.startsWith('--profile=')) {
      const p = value('--profile');
      if (!findProfile(p)) throw new UsageError(`unknown profile "${p}" (${builtinProfiles().map((x) => x.id).join(', ')})`);
      opts.profile = p;
    } else if (a === '--') opts.paths.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else opts.paths.push(a);
  }
  if (opts.paths.length === 0) throw new UsageError('no PATH given');
  return opts;
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
}

const CHECKED_EXTENSIONS = /\.(?:txt|md|markdown|report)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.svn', '.hg', 'dist', 'out']);

/** Lists the files under a directory that could be reports, sorted for stable output. */
function walk(dir: string, out: string[]): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) walk(p, out);
    } else if (e.isFile() && CHECKED_EXTENSIONS.test(e.name)) out.push(p);
  }
}

function messageLanguage(): 'zh' | 'en' {
  const lang = process.env.REPORT_LINT_LANG || process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return /^zh/i.test(lang) ? 'zh' : 'en';
}

export function main(argv: string[]): number {
  let opts: Options | 'help';
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`report-lint: ${e.message}\n\n${USAGE.replace('${profiles}', builtinProfiles().map((p) => p.id).join(', '))}\n`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    process.stdout.write(USAGE.replace('${profiles}', builtinProfiles().map((p) => p.id).join(', ')) + '\n');
    return 0;
  }
  const lang = messageLanguage();
  let failed = false;
  let worst = 0;
  const json: JsonFinding[] = [];
  const fixedConfig: LoadedConfig | undefined = opts.config ? loadConfigFile(path.resolve(opts.config)) : undefined;
  if (opts.config && fixedConfig && !fs.existsSync(opts.config)) {
    process.stderr.write(`report-lint: cannot read config ${opts.config}\n`);
    return 2;
  }
  const configCache = new Map<string, LoadedConfig>();
  const reportedConfigs = new Set<string>();

  const files: { file: string; explicit: boolean }[] = [];
  for (const p of opts.paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      process.stderr.write(`report-lint: cannot read ${p}: no such file or directory\n`);
      failed = true;
      continue;
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(p, found);
      files.push(...found.map((file) => ({ file, explicit: false })));
    } else files.push({ file: p, explicit: true });
  }

  for (const { file, explicit } of files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      process.stderr.write(`report-lint: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      failed = true;
      continue;
    }
    const decoded = decodeReportBytes(bytes);
    if (decoded.binary) {
      if (explicit) {
        process.stderr.write(`report-lint: ${file} is a binary file, not a report; skipped\n`);
        failed = true;
      }
      continue;
    }
    let loaded = fixedConfig;
    if (!loaded) {
      const cfgFile = findConfigFile(path.dirname(path.resolve(file)));
      if (cfgFile) {
        loaded = configCache.get(cfgFile) ?? loadConfigFile(cfgFile);
        configCache.set(cfgFile, loaded);
      }
    }
    if (loaded?.file && loaded.problems.length && !reportedConfigs.has(loaded.file)) {
      reportedConfigs.add(loaded.file);
      for (const p of loaded.problems) {
        const sev = p.severity;
        if (sev === 'error' || sev === 'warning') worst = Math.max(worst, 1);
        const rel = path.relative(process.cwd(), loaded.file) || loaded.file;
        if (opts.format === 'json') json.push({ file: rel, line: p.line, column: p.column, endLine: p.line, endColumn: p.column + 1, rule: 'config', severity: sev, message: p.message });
        else process.stdout.write(`${rel}:${p.line}:${p.column}: ${sev} [config] ${p.message}\n`);
      }
    }
    const isReport = explicit || decideReport(file, decoded.text, { hasConfig: !!loaded?.file }).isReport;
    if (!isReport) continue;
    const config: ResolvedConfig | undefined = loaded?.config;
    const result = lint(decoded.text, { format: formatOf(file), config, profileId: opts.profile });
    for (const f of result.failures) process.stderr.write(`report-lint: rule ${f.rule} failed on ${file}: ${f.error.split('\n')[0]}\n`);
    const lines = new LineIndex(decoded.text);
    const rel = path.relative(process.cwd(), file) || file;
    for (const f of result.findings) {
      if (f.severity === 'error' || f.severity === 'warning') worst = Math.max(worst, 1);
      const a = lines.humanPosition(f.start);
      const b = lines.humanPosition(f.end);
      const message = f.message[lang];
      if (opts.format === 'json') {
        json.push({ file: rel, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, rule: f.rule, severity: f.severity, message });
      } else process.stdout.write(`${rel}:${a.line}:${a.column}: ${f.severity} [${f.rule}] ${message}\n`);
    }
    if (opts.format === 'text' && explicit && result.profile) {
      process.stderr.write(`${rel}: profile ${result.profile.id}, ${result.findings.length} finding(s)\n`);
    }
  }
  if (opts.format === 'json') process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  return failed ? 2 : worst;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

export type { Finding };
