// The example report of test/fixtures/workspace, as a user meets it in VS Code.
// Expected findings (0-based lines) of 2024年工作总结.report.txt:
//   0  XX镇2024年工作总结                       placeholder (XX); required-section (missing 落款, info)
//   6  …覆盖xx村…一是…二是…三是…               placeholder (xx); no enumeration-sequence (in order)
//   7  ##paidbegin##…更新标语、、横幅…          artifact; duplicate-punctuation
//   11 …负责同志XXX运用新媒体…                 placeholder (XXX)
//   13 四、下一步工作打算                       heading-numbering (三、 is missing)
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  EXTENSION_ID, FIRST_WAIT_MS, NOTES, REPORT, SUB_REPORT, codeActionsAt, describeDiags, fixture, linesOf, open, ours, ruleOf,
  waitForDiagnostics,
} from './helpers';

const EXPECTED: Record<string, number[]> = {
  placeholder: [0, 6, 11],
  artifact: [7],
  'duplicate-punctuation': [7],
  'heading-numbering': [13],
  'required-section': [0],
  'enumeration-sequence': [],
};

/** True once every pinned rule has exactly its expected lines. */
function allPinned(diags: vscode.Diagnostic[]): boolean {
  return Object.entries(EXPECTED).every(([rule, lines]) => linesOf(diags, rule).join(',') === lines.join(','));
}

/**
 * The quick fix for a finding: a quickfix-kind action whose edit touches the finding's range (the
 * `diagnostics` of returned actions do not survive vscode.executeCodeActionProvider), preferring a title
 * that names the fix over e.g. "disable this rule for this line".
 */
function pickFix(actions: vscode.CodeAction[], uri: vscode.Uri, range: vscode.Range, title: RegExp): vscode.CodeAction | undefined {
  const touches = (a: vscode.CodeAction) => !!a.edit && a.edit.get(uri).some((e) => e.range.intersection(range) !== undefined);
  const quick = actions.filter((a) => (!a.kind || vscode.CodeActionKind.QuickFix.contains(a.kind)) && touches(a));
  return quick.find((a) => title.test(a.title)) ?? quick.find((a) => !/disable|禁用|忽略|ignore/i.test(a.title));
}

function describeActions(actions: vscode.CodeAction[]): string {
  return actions.map((a) => `"${a.title}" (${a.kind?.value ?? 'no kind'}${a.edit ? ', edit' : ''})`).join(' | ') || '(none)';
}

export function reportSuite(): void {
  suite('report-lint on the example report', function () {
    const reportUri = () => fixture(REPORT);

    suiteTeardown(async () => {
      // leave the fixture as found: the edits below are never saved; revert so that closing asks nothing
      await open(REPORT);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    test('the extension is installed', () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `extension ${EXTENSION_ID} is not loaded: is extensionDevelopmentPath the repo root?`);
    });

    test('an ordinary Markdown file is left alone; a report activates the extension and is checked', async () => {
      const notes = await open(NOTES);
      assert.strictEqual(notes.document.languageId, 'markdown', 'notes.md must stay Markdown');
      const report = await open(REPORT);
      assert.strictEqual(report.document.languageId, 'report', '*.report.txt must get the language "report"');
      await waitForDiagnostics(reportUri(), (d) => d.length > 0, 'any report-lint diagnostic (activation + server start)', FIRST_WAIT_MS);
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      assert.ok(ext.isActive, 'the extension is not active after a report was opened and checked');
      // one more full round trip (another report checked) after notes.md was opened, then notes.md
      // must still have nothing from us although it holds "XX" and "TODO"
      await open(NOTES);
      await open(SUB_REPORT);
      await waitForDiagnostics(fixture(SUB_REPORT), (d) => d.length > 0, 'diagnostics of the sub-folder report');
      const onNotes = ours(fixture(NOTES));
      assert.deepStrictEqual(onNotes, [], `notes.md is not a report but got:\n${describeDiags(onNotes)}`);
    });

    test('exact rule ids and lines on the example report', async () => {
      await open(REPORT);
      let diags: vscode.Diagnostic[];
      try {
        diags = await waitForDiagnostics(reportUri(), allPinned, 'the pinned findings of the example report');
      } catch (e) {
        const now = ours(reportUri());
        const table = Object.entries(EXPECTED)
          .map(([rule, lines]) => `  ${rule}: expected lines [${lines}] got [${linesOf(now, rule)}]`).join('\n');
        throw new Error(`${(e as Error).message}\nper rule (0-based lines):\n${table}`);
      }
      // nothing else: a finding of another rule on this fixture is either a false positive or a reason to
      // update the fixture and this table
      const extra = diags.filter((d) => !(ruleOf(d) in EXPECTED));
      assert.deepStrictEqual(extra, [], `findings the fixture does not expect:\n${describeDiags(extra)}`);
      // details the contract fixes
      for (const d of diags) {
        assert.strictEqual(d.source, 'report-lint');
        assert.strictEqual(typeof d.code, 'object', `code of "${d.message}" must be {value, target}`);
        const target = (d.code as { value: string | number; target: vscode.Uri }).target;
        assert.ok(target && /docs\/rules\/[\w-]+\.md$/.test(target.toString()) && target.toString().endsWith(`/${ruleOf(d)}.md`),
          `code.target of ${ruleOf(d)} must link to docs/rules/${ruleOf(d)}.md, got ${target}`);
      }
      const byRule = (rule: string) => diags.filter((d) => ruleOf(d) === rule);
      for (const rule of ['placeholder', 'artifact', 'duplicate-punctuation', 'heading-numbering']) {
        for (const d of byRule(rule)) assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning, `${rule} must be a warning`);
      }
      const rs = byRule('required-section');
      assert.strictEqual(rs[0].severity, vscode.DiagnosticSeverity.Information, 'the missing 落款 is info, not a warning');
      // the ranges cover the marker itself
      const doc = await vscode.workspace.openTextDocument(reportUri());
      const texts = byRule('placeholder').map((d) => doc.getText(d.range));
      assert.deepStrictEqual(texts, ['XX', 'xx', 'XXX'], 'placeholder ranges');
      assert.strictEqual(doc.getText(byRule('artifact')[0].range), '##paidbegin##', 'artifact range');
      assert.ok(doc.getText(byRule('duplicate-punctuation')[0].range).includes('、、'), 'duplicate-punctuation range');
      assert.ok(doc.getText(byRule('heading-numbering')[0].range).startsWith('四'), 'heading-numbering is on the 四、 marker');
    });

    test('filling a placeholder removes its diagnostic, and only that one', async () => {
      const editor = await open(REPORT);
      await waitForDiagnostics(reportUri(), (d) => linesOf(d, 'placeholder').includes(11), 'the placeholder on line 11');
      const line = editor.document.lineAt(11).text;
      const col = line.indexOf('XXX');
      assert.ok(col >= 0, `fixture line 12 must hold XXX: ${line}`);
      const ok = await editor.edit((b) => b.replace(new vscode.Range(11, col, 11, col + 3), '张三'));
      assert.ok(ok, 'edit was not applied');
      await waitForDiagnostics(reportUri(), (d) => linesOf(d, 'placeholder').join(',') === '0,6',
        'the placeholder on line 11 to disappear (0 and 6 stay)');
      const d = ours(reportUri());
      assert.deepStrictEqual(linesOf(d, 'artifact'), [7], 'other findings stay');
    });

    test('quick fix "keep one" for 、、 through vscode.executeCodeActionProvider', async () => {
      const uri = reportUri();
      await open(REPORT);
      const diag = (await waitForDiagnostics(uri, (d) => linesOf(d, 'duplicate-punctuation').length > 0, 'a duplicate-punctuation finding'))
        .find((d) => ruleOf(d) === 'duplicate-punctuation')!;
      const actions = await codeActionsAt(uri, diag.range);
      const fix = pickFix(actions, uri, diag.range, /keep|保留|、/i);
      assert.ok(fix, `no quick fix editing the 、、 range; offered: ${describeActions(actions)}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'applyEdit failed');
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.ok(doc.lineAt(7).text.includes('更新标语、横幅20条'), `after the fix line 8 reads: ${doc.lineAt(7).text}`);
      await waitForDiagnostics(uri, (d) => linesOf(d, 'duplicate-punctuation').length === 0, 'duplicate-punctuation to go');
    });

    test('quick fix "delete" for ##paidbegin##', async () => {
      const uri = reportUri();
      await open(REPORT);
      const diag = (await waitForDiagnostics(uri, (d) => linesOf(d, 'artifact').length > 0, 'an artifact finding'))
        .find((d) => ruleOf(d) === 'artifact')!;
      const actions = await codeActionsAt(uri, diag.range);
      const fix = pickFix(actions, uri, diag.range, /delete|remove|删除|移除/i);
      assert.ok(fix, `no quick fix editing the ##paidbegin## range; offered: ${describeActions(actions)}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'applyEdit failed');
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.ok(doc.lineAt(7).text.startsWith('全镇新建宣传栏'), `after the fix line 8 reads: ${doc.lineAt(7).text}`);
      await waitForDiagnostics(uri, (d) => linesOf(d, 'artifact').length === 0, 'the artifact finding to go');
    });

    test('fix-all: offered without its edits, resolved when picked, applies every safe fix', async () => {
      const uri = reportUri();
      await open(REPORT);
      await vscode.commands.executeCommand('workbench.action.files.revert'); // the report as the fixture has it
      await waitForDiagnostics(uri, (d) => linesOf(d, 'duplicate-punctuation').length > 0, 'a duplicate-punctuation finding');
      const whole = new vscode.Range(0, 0, 0, 0);
      const kind = 'source.fixAll.reportLint';
      const ask = async (resolve: number) =>
        ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, kind, resolve)) ?? []).filter((a) => a.kind?.value === kind);
      const [lazy] = await ask(0);
      assert.ok(lazy, 'fix-all is offered');
      assert.strictEqual(lazy.edit, undefined, 'its edits are not sent with the list');
      const [picked] = await ask(1);
      assert.ok(picked?.edit, 'resolving gives the edits');
      assert.ok(await vscode.workspace.applyEdit(picked.edit!), 'applyEdit failed');
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.ok(doc.lineAt(7).text.includes('更新标语、横幅20条'), `after fix-all line 8 reads: ${doc.lineAt(7).text}`);
      await waitForDiagnostics(uri, (d) => linesOf(d, 'duplicate-punctuation').length === 0, 'duplicate-punctuation to go');
    });
  });
}
