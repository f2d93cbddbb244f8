// "Report: New report from template…": pick a genre, get an untitled report holding that genre's
// skeleton as a live snippet (Tab moves through the fields; unfilled ones stay as XX placeholders).

import * as vscode from 'vscode';
import { readFileSync } from 'fs';

interface SnippetEntry {
  prefix: string[];
  body: string[];
  description: string;
}

interface Genre {
  /** The key of the skeleton in snippets/report.code-snippets.json. */
  snippet: string;
  zh: string;
  en: string;
  profile: string;
}

export const GENRES: Genre[] = [
  { snippet: '工作总结 Work summary (skeleton)', zh: '工作总结', en: 'Work summary', profile: 'zh-work-summary' },
  { snippet: '述职报告 Duty report (skeleton)', zh: '述职报告', en: 'Duty report', profile: 'zh-duty-report' },
  { snippet: '调研报告 Research report (skeleton)', zh: '调研报告', en: 'Research report', profile: 'zh-research-report' },
  { snippet: '情况报告 Situation report (skeleton)', zh: '情况报告（特此报告）', en: 'Situation report to a superior', profile: 'zh-work-summary' },
  { snippet: 'Status report (skeleton)', zh: '英文工作报告', en: 'Status report (English)', profile: 'en-status-report' },
];

/**
 * snippets/report.code-snippets.json, read from the installed extension on first use: the file
 * ships in the .vsix anyway (it is the `contributes.snippets` file), so the client bundle does not
 * carry a second copy.
 */
let snippetsFile: string | undefined;
let snippetsCache: Record<string, SnippetEntry> | undefined;
function snippets(): Record<string, SnippetEntry> {
  if (!snippetsCache) {
    if (!snippetsFile) throw new Error('report-lint: templates used before registerTemplates');
    snippetsCache = JSON.parse(readFileSync(snippetsFile, 'utf8')) as Record<string, SnippetEntry>;
  }
  return snippetsCache;
}

/** A genre's name in the UI language (the English names are the l10n keys). */
function genreLabel(genre: Genre): string {
  switch (genre.en) {
    case 'Work summary':
      return vscode.l10n.t('Work summary');
    case 'Duty report':
      return vscode.l10n.t('Duty report');
    case 'Research report':
      return vscode.l10n.t('Research report');
    case 'Situation report to a superior':
      return vscode.l10n.t('Situation report to a superior');
    case 'Status report (English)':
      return vscode.l10n.t('Status report (English)');
    default:
      return genre.en;
  }
}

/** The skeleton of a genre as one snippet string. */
export function skeletonOf(genre: Genre): string {
  const entry = snippets()[genre.snippet];
  return entry.body.join('\n');
}

/** Opens an untitled report holding the chosen genre's skeleton; resolves to its editor. */
export async function newReportFromTemplate(genreId?: string): Promise<vscode.TextEditor | undefined> {
  let genre = genreId ? GENRES.find((g) => g.profile === genreId || g.zh === genreId || g.snippet === genreId) : undefined;
  if (!genre) {
    const picked = await vscode.window.showQuickPick(
      GENRES.map((g) => {
        // The genre's name in the UI language; the other language's name beside it.
        const label = genreLabel(g);
        return { label, description: label === g.en ? g.zh : g.en, detail: snippets()[g.snippet].description, genre: g };
      }),
      { title: vscode.l10n.t('New report: pick a genre'), placeHolder: vscode.l10n.t('Work summary, duty report, research report…') },
    );
    genre = picked?.genre;
  }
  if (!genre) return undefined;
  const doc = await vscode.workspace.openTextDocument({ language: 'report', content: '' });
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(new vscode.SnippetString(skeletonOf(genre)), new vscode.Position(0, 0));
  return editor;
}

/** Registers `reportLint.newFromTemplate` (optional argument: a profile id or genre name). */
export function registerTemplates(context: vscode.ExtensionContext): void {
  snippetsFile = context.asAbsolutePath('snippets/report.code-snippets.json');
  context.subscriptions.push(vscode.commands.registerCommand('reportLint.newFromTemplate', (genreId?: string) => newReportFromTemplate(genreId)));
}
