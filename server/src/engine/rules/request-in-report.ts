// request-in-report: a request for approval (妥否，请批示 / 请予批准 / 请审批) inside a 报告 or 总结.
// 《党政机关公文处理工作条例》第十五条: “不得在报告等非请示性公文中夹带请示事项”; DOMAIN T2, D13.

import { memoized, moveFinding, type Rule } from './types';
import type { RuleFinding } from '../types';
import type { Block } from '../model';

// 报请审批, 提请批准, 申请批准 narrate a request made elsewhere; they are not one (the lookbehind).
const REQUEST = /(?:妥否|当否|是否妥当|可否)[，,]?\s*请(?:予)?(?:批示|批复|审批|审定|示复|指示)|(?<![报提送呈申转函])请(?:予)?(?:批准|审批|批复)|(?<![报提送呈申转函])请(?:上级|领导)?予以(?:批准|审批|批复)|请予支持/gu;
// The genres that are not 请示: 报告, 总结, 述职, 汇报.
const GENRE = /(?:报告|总结|述职|汇报)[\s\u3000]*$/u;
const REPORT_PROFILES = new Set(['zh-work-summary', 'zh-duty-report', 'zh-research-report', 'zh-gov-work-report']);

const MAX_FINDINGS = 1000;

/** The requests for approval in one block, relative to its start. */
function requestsIn(block: Block): RuleFinding[] {
  const findings: RuleFinding[] = [];
  REQUEST.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = REQUEST.exec(block.text)) && findings.length < MAX_FINDINGS) {
    const start = m.index;
    const end = start + m[0].length;
    // The closing formula on its own ("妥否，请批示。") can be replaced by 特此报告.
    const rest = block.text.slice(m.index + m[0].length).trim();
    const closing = /^[。.！!]?$/u.test(rest) && block.text.slice(0, m.index).trim() === '';
    findings.push({
      start,
      end,
      message: {
        zh: `报告中不得夹带请示事项（《党政机关公文处理工作条例》第十五条）：“${m[0]}”应删去，需要上级批准的事项另行请示。`,
        en: `A report must not carry a request for approval (Regulations on Official Documents, art. 15): remove "${m[0]}" and send the request separately.`,
      },
      fixes: closing ? [{ title: { zh: '改为“特此报告”', en: 'Replace with 特此报告' }, edits: [{ start, end, newText: '特此报告' }] }] : undefined,
    });
  }
  return findings;
}

export const requestInReportRule: Rule = {
  id: 'request-in-report',
  defaultSeverity: 'warning',
  description: {
    zh: '报告、总结中夹带请示事项（“妥否，请批示”“请予批准”“请审批”），违反《党政机关公文处理工作条例》第十五条。',
    en: 'A request for approval (妥否，请批示, 请予批准, 请审批) inside a report or summary, which the Regulations (art. 15) forbid.',
  },
  check(ctx) {
    const { model, profile } = ctx;
    const findings: RuleFinding[] = [];
    const title = model.title ? model.text.slice(model.title.contentStart, model.title.end) : '';
    if (/请示/u.test(title)) return findings;
    const isReport = (profile && REPORT_PROFILES.has(profile.id)) || GENRE.test(title);
    if (!isReport) return findings;
    for (const block of model.textBlocks) {
      // A block's requests depend on its text alone: a linter keeps them (relative to the block).
      for (const f of memoized(ctx, block, 'request-in-report/findings', requestsIn)) {
        if (findings.length >= MAX_FINDINGS) return findings;
        findings.push(moveFinding(f, block.start));
      }
    }
    return findings;
  },
};
