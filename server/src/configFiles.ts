// Finds and reads `.reportlint.yaml` for a file: walk up from its folder to a stop folder; the nearest wins.

import * as fs from 'fs';
import * as path from 'path';
import { parseConfig, CONFIG_FILE_NAME, type ParsedConfig, type ParseConfigOptions } from './engine';

export interface LoadedConfig extends ParsedConfig {
  /** Absolute path of the config file, when one was found. */
  file?: string;
  /** The config file's text, for positions of its problems. */
  text?: string;
}

const MAX_CONFIG_BYTES = 1024 * 1024;

/** The nearest `.reportlint.yaml` at or above `dir`, not above `stopAt` (when given). */
export function findConfigFile(dir: string, stopAt?: string): string | undefined {
  let current = path.resolve(dir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; keep walking
    }
    if (stop && current === stop) return undefined;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    if (stop && !parent.startsWith(stop)) return undefined;
    current = parent;
  }
}

/** Reads and parses a config file; an unreadable or oversized file is a problem, not an exception. */
export function loadConfigFile(file: string, options: ParseConfigOptions = {}): LoadedConfig {
  try {
    const stat = fs.statSync(file);
    if (stat.size > MAX_CONFIG_BYTES) {
      return { ...parseConfig(''), file, text: '', problems: [{ message: `${CONFIG_FILE_NAME} is larger than 1 MB; defaults are used.`, severity: 'error', start: 0, end: 1, line: 1, column: 1 }] };
    }
    const text = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '');
    return { ...parseConfig(text, options), file, text };
  } catch (e) {
    return { ...parseConfig(''), file, text: '', problems: [{ message: `Cannot read ${CONFIG_FILE_NAME}: ${(e as Error).message}`, severity: 'error', start: 0, end: 1, line: 1, column: 1 }] };
  }
}
