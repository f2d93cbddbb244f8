// `report-lint --export docx|html OUT [--style official|plain] [--config FILE] [--profile ID] FILE`:
// writes the report as a Word document or a self-contained HTML page. cli.ts hands argv here
// when it contains --export.

import * as fs from 'fs';
import * as path from 'path';
import { lint, decodeReportBytes, formatOf, findProfile, builtinProfiles, type ResolvedConfig } from './engine';
import { exportReport, type ExportKind, type RenderStyle } from './engine/render';
import { findConfigFile, loadConfigFile } from './configFiles';

export const EXPORT_USAGE = `Usage: report-lint --export docx|html OUT [--style official|plain] [--config FILE] [--profile ID] FILE

Writes FILE as a Word document (docx) or a self-contained HTML page (html) to OUT, laid out
per GB/T 9704-2012 (official, the default for Chinese reports) or as a plain report.`;

interface ExportOptions {
  kind: ExportKind;
  out: string;
  style?: RenderStyle;
  config?: string;
  profile?: string;
  file: string;
}

/** Reads the export options; a string is a usage error. */
export function parseExportArgs(argv: string[]): ExportOptions | string {
  let kind: string | undefined;
  let out: string | undefined;
  let style: string | undefined;
  let config: string | undefined;
  let profile: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--export') {
      kind = argv[++i];
      out = argv[++i];
    } else if (a.startsWith('--export=')) {
      kind = a.slice('--export='.length);
      out = argv[++i];
    } else if (a === '--style') style = argv[++i];
    else if (a === '--config') config = argv[++i];
    else if (a === '--profile') profile = argv[++i];
    else if (a.startsWith('-')) return `unknown option ${a} with --export`;
    else files.push(a);
  }
  if (kind !== 'docx' && kind !== 'html') return `--export needs docx or html, got "${kind ?? ''}"`;
  if (!out) return '--export needs an output file';
  if (style !== undefined && style !== 'official' && style !== 'plain') return `--style is official or plain, got "${style}"`;
  if (profile !== undefined && !findProfile(profile)) return `unknown profile "${profile}" (${builtinProfiles().map((p) => p.id).join(', ')})`;
  if (files.length !== 1) return '--export takes exactly one report file';
  return { kind, out, style: style as RenderStyle | undefined, config, profile, file: files[0] };
}

/** Runs `--export`: 0 written, 2 bad usage or unreadable input. */
export async function exportMain(argv: string[], err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const opts = parseExportArgs(argv);
  if (typeof opts === 'string') {
    err(`report-lint: ${opts}\n\n${EXPORT_USAGE}\n`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(opts.file);
  } catch (e) {
    err(`report-lint: cannot read ${opts.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const decoded = decodeReportBytes(bytes);
  if (decoded.binary) {
    err(`report-lint: ${opts.file} is a binary file, not a report\n`);
    return 2;
  }
  const cfgFile = opts.config ? path.resolve(opts.config) : findConfigFile(path.dirname(path.resolve(opts.file)));
  const config = cfgFile ? (loadConfigFile(cfgFile).config as ResolvedConfig) : undefined;
  const result = lint(decoded.text, { format: formatOf(opts.file), config, profileId: opts.profile });
  const file = await exportReport(result, opts.kind, { style: opts.style });
  try {
    fs.writeFileSync(opts.out, file.bytes);
  } catch (e) {
    err(`report-lint: cannot write ${opts.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  err(`${opts.out}: ${opts.kind === 'docx' ? 'Word document' : 'HTML page'} written (${file.bytes.length} bytes)\n`);
  return 0;
}
