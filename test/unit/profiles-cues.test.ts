// Section cues are first looked for all at once (one joined regex per block) before section by
// section. The sections found must be exactly those found without that prefilter — which a cue
// with a backreference turns off, so the same profile with such a cue added (one that never
// matches) is the reference.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseReport } from '../../server/src/engine';
import { builtinProfiles, matchSections, type Profile } from '../../server/src/engine/profiles';

const lines = ['一、基本情况', '现将今年工作总结如下：', '开展各类活动12次。', '还存在一些问题：', '存在的主要问题', '二、存在的问题', '问题主要表现在：', '清醒地看到工作中的不足', '三、下一步打算', '下一步，我们将继续努力。', '2025年将重点推进改革。', '新的一年里，我们将加强学习。', '主要经验是：', '四、经验体会', '计划如下：', '红河镇人民政府', '2024年12月28日'];

test('section cues: the joined prefilter finds the same sections as the cue-by-cue search', () => {
  for (const id of ['zh-work-summary', 'zh-duty-report', 'zh-research-report', 'zh-gov-work-report']) {
    const profile = builtinProfiles().find((p) => p.id === id);
    assert.ok(profile, id);
    if (!profile) continue;
    const never = { id: 'never', name: { zh: '无', en: 'none' }, required: false, headings: [], cues: ['(不会出现的字)\\1'] };
    const reference: Profile = { ...profile, sections: [...profile.sections, never] };
    const shown = (r: ReturnType<typeof matchSections>) => r.filter((m) => m.section.id !== 'never').map((m) => `${m.section.id}@${m.start ?? '-'}${m.outOfOrder ? '!' : ''}`);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 14 }), (picked) => {
        const model = parseReport(['2024年工作总结', ...picked].join('\n'), 'plain');
        assert.deepEqual(shown(matchSections(model, profile)), shown(matchSections(model, reference)));
      }),
      { numRuns: 400 },
    );
  }
});

test('section cues: a cue with a backreference or a named group still works (no prefilter then)', () => {
  const profile: Profile = {
    ...builtinProfiles()[0],
    sections: [
      { id: 'twice', name: { zh: '', en: '' }, required: false, headings: [], cues: ['(工作|问题)\\1'] },
      { id: 'named', name: { zh: '', en: '' }, required: false, headings: [], cues: ['(?<w>计划)如下'] },
    ],
  };
  const model = parseReport('标题\n开展工作。\n问题问题很多。\n计划如下：\n', 'plain');
  assert.deepEqual(matchSections(model, profile).map((m) => [m.section.id, m.block?.line]), [['twice', 2], ['named', 3]]);
});
