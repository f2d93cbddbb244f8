// Round trip of the Word export: .docx → LibreOffice (headless) → PDF → PNG. Checks that LibreOffice
// opens the file, that the pages are A4 with the text and the page numbers, and writes page 1 to
// docs/images/export-page1.png for the README. Needs Debian's libreoffice-writer and poppler-utils.
// Usage: node test/browser/export-roundtrip.mjs [report file]   (default: test/fixtures/render/work-summary.txt)
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, existsSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, basename } from 'path';
import { loadEngine, root } from './bundle.mjs';

const fail = (msg) => {
  console.error(`export round trip: FAIL: ${msg}`);
  process.exit(1);
};

for (const tool of ['libreoffice', 'pdftoppm', 'pdfinfo', 'pdftotext']) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    fail(`${tool} is missing (apt-get install -y libreoffice-writer poppler-utils)`);
  }
}

const input = process.argv[2] ?? join(root, 'test/fixtures/render/work-summary.txt');
const text = readFileSync(input, 'utf8');
const engine = await loadEngine();
const format = /\.(md|markdown)$/i.test(input) ? 'markdown' : 'plain';
const result = engine.lint(text, { format });
const bytes = await engine.renderDocx(result);

const dir = mkdtempSync(join(tmpdir(), 'report-lint-export-'));
const docx = join(dir, 'report.docx');
writeFileSync(docx, bytes);
// A private LibreOffice profile, and font substitutes for the Windows font names (fonts.conf).
const env = { ...process.env, FONTCONFIG_FILE: join(root, 'test/browser/fonts.conf'), HOME: dir };
execFileSync('libreoffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { env, stdio: 'ignore', timeout: 240000 });
const pdf = join(dir, 'report.pdf');
if (!existsSync(pdf)) fail('LibreOffice did not produce a PDF');

const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
if (!size || Math.abs(Number(size[1]) - 595.3) > 1 || Math.abs(Number(size[2]) - 841.9) > 1) fail(`page size is not A4: ${size?.[0]}`);
const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
const title = result.model.title ? text.slice(result.model.title.contentStart, result.model.title.end).trim() : '';
if (title && !pdfText.replace(/\s+/g, '').includes(title.replace(/\s+/g, ''))) fail(`title "${title}" not in the PDF`);
for (let n = 1; n <= pages; n++) if (!new RegExp(`—\\s*${n}\\s*—`).test(pdfText)) fail(`page number — ${n} — not in the PDF`);
if (/report-lint-/.test(pdfText)) fail('a report-lint directive reached the PDF');

execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', pdf, join(dir, 'page')], { env });
const png = [join(dir, 'page-1.png'), join(dir, 'page-01.png')].find(existsSync);
if (!png) fail('pdftoppm produced no PNG');
const out = join(root, 'docs/images/export-page1.png');
copyFileSync(png, out);
rmSync(dir, { recursive: true, force: true });
console.log(`export round trip: ok (${basename(input)}: ${pages} A4 page(s), title and page numbers found); page 1 → ${out}`);
