// The bench's inputs: seed-like and corpus-like Chinese report text cut to 10 KB … 5 MB.
//
// Seed-like: ../shared/seed/000_eef47a82924a2744.txt repeated. Corpus-like: ../shared/corpus/zh/*.txt
// concatenated (and repeated past its own size). When ../shared is absent, a generator of our own
// report text (title, opening, 一、 headings, figures, XX placeholders, a problems and a next-steps
// paragraph) stands in, so the bench still runs in a fresh clone.
import { existsSync, readFileSync, readdirSync } from 'fs';
import { join, resolve } from 'path';

export const SIZES = [
  { label: '10KB', bytes: 10 * 1024 },
  { label: '100KB', bytes: 100 * 1024 },
  { label: '1MB', bytes: 1024 * 1024 },
  { label: '5MB', bytes: 5 * 1024 * 1024 },
];

/** A small deterministic PRNG (mulberry32), so every run checks the same text. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const UNITS = ['府', '县', '镇', '局', '中心'];
const TOPICS = ['意识形态', '安全生产', '乡村振兴', '党建', '营商环境', '生态环保', '民生保障', '基层治理', '文化建设', '应急管理'];
const ACTIONS = ['加强组织领导', '强化责任落实', '深化宣传引导', '完善制度机制', '推进重点项目', '提升服务水平', '狠抓作风建设', '注重队伍建设'];
const GOALS = ['筑牢思想根基', '守住安全底线', '夯实发展基础', '增进民生福祉', '激发创新活力', '优化工作格局'];
// What was done, with the unit it is counted in and a plausible range.
const ACTIVITIES = [
  ['召开专题会议', '次', 2, 40], ['举办培训班', '期', 2, 30], ['开展志愿服务活动', '场', 5, 80], ['发布宣传报道', '篇', 20, 400],
  ['走访群众', '户', 50, 900], ['开展督导检查', '次', 5, 60], ['排查整改隐患', '处', 10, 300], ['办理民生实事', '件', 5, 50],
];
const REACH = [['覆盖干部群众', '人次', 200, 9000], ['落实资金', '万元', 10, 800], ['惠及群众', '人', 100, 5000]];
const BEFORE = ['', '', '', '近', '约', '共'];
const AFTER = ['', '', '余', '多'];
const OPENERS = ['一是', '二是', '三是', '四是'];
const FILLERS = [
  '坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实上级决策部署',
  '围绕中心、服务大局，把各项任务落到实处',
  '坚持问题导向和目标导向相统一，切实解决群众急难愁盼问题',
  '统筹发展和安全，推动各项工作取得新进展',
  '压紧压实工作责任，形成一级抓一级、层层抓落实的工作格局',
  '注重总结经验做法，推动形成长效机制',
];

/** Our own report text: not taken from any document; used when ../shared is absent. */
export function generateReport(seed, targetChars) {
  const r = prng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const figure = ([, unit, lo, hi]) => {
    const n = lo + Math.floor(r() * (hi - lo));
    return r() < 0.5 ? `${pick(BEFORE)}${n}${unit}` : `${n}${pick(AFTER)}${unit}`;
  };
  const sentence = () => {
    const act = pick(ACTIVITIES);
    const reach = pick(REACH);
    const who = r() < 0.08 ? `XX${pick(UNITS)}` : reach[0];
    return `${pick(FILLERS)}，全年${act[0]}${figure(act)}，${who}${figure(reach)}。`;
  };
  const out = [];
  let chars = 0;
  const push = (line) => {
    out.push(line);
    chars += line.length + 1;
  };
  let doc = 0;
  while (chars < targetChars) {
    const topic = pick(TOPICS);
    push(`${r() < 0.3 ? 'xx' : '某'}${pick(UNITS)}${2020 + (doc % 5)}年${topic}工作总结`);
    push(`${2020 + (doc % 5)}年，在上级党委、政府的坚强领导下，我们坚持稳中求进工作总基调，扎实推进${topic}各项工作。现将有关情况报告如下：`);
    const sections = 4 + Math.floor(r() * 3);
    for (let s = 0; s < sections; s++) {
      push(`${NUMERALS[s]}、${pick(ACTIONS)}，${pick(GOALS)}`);
      const paras = 1 + Math.floor(r() * 3);
      for (let p = 0; p < paras; p++) {
        let para = '';
        const n = 2 + Math.floor(r() * 4);
        for (let k = 0; k < n; k++) para += sentence();
        if (r() < 0.05) para += '，，';
        push(para);
      }
    }
    let problems = '工作中还存在一些不足：';
    for (let k = 0; k < 3; k++) problems += `${OPENERS[k]}${pick(FILLERS)}还不够到位。`;
    push(problems);
    push(`下一步，我们将${pick(FILLERS)}，力争全年${pick(ACTIVITIES)[0]}不少于${figure(pick(ACTIVITIES))}，为高质量发展作出新的更大贡献。`);
    push('');
    doc++;
  }
  return out.join('\n');
}

/** Repeats `unit` and cuts it at the last line end at or below `bytes` UTF-8 bytes. */
export function fitTo(unit, bytes) {
  const u = unit.endsWith('\n') ? unit : unit + '\n';
  const times = Math.ceil(bytes / Buffer.byteLength(u, 'utf8')) + 1;
  const buf = Buffer.from(u.repeat(times), 'utf8').subarray(0, bytes);
  const text = buf.toString('utf8');
  const nl = text.lastIndexOf('\n');
  return nl > 0 ? text.slice(0, nl + 1) : text.replace(/\uFFFD+$/, '');
}

/** The two kinds of source text, with where each came from. */
export function sources(root) {
  const shared = resolve(root, '..', 'shared');
  const seedFile = join(shared, 'seed', '000_eef47a82924a2744.txt');
  const corpusDir = join(shared, 'corpus', 'zh');
  const seed = existsSync(seedFile)
    ? { text: readFileSync(seedFile, 'utf8').replace(/^\uFEFF/, ''), origin: '../shared/seed/000_eef47a82924a2744.txt repeated' }
    : { text: generateReport(1, 8000), origin: 'generated report text (../shared absent)' };
  let corpus;
  if (existsSync(corpusDir)) {
    const files = readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).sort();
    corpus = {
      text: files.map((f) => readFileSync(join(corpusDir, f), 'utf8').replace(/^\uFEFF/, '')).join('\n'),
      origin: `../shared/corpus/zh/*.txt concatenated (${files.length} files)`,
    };
  }
  if (!corpus || !corpus.text.trim()) corpus = { text: generateReport(2, 400_000), origin: 'generated report text (../shared absent)' };
  return { seed, corpus };
}

/** kind → size label → text. */
export function buildInputs(root, sizes = SIZES) {
  const src = sources(root);
  const inputs = {};
  for (const kind of ['seed', 'corpus']) {
    inputs[kind] = { origin: src[kind].origin, texts: {} };
    for (const s of sizes) inputs[kind].texts[s.label] = fitTo(src[kind].text, s.bytes);
  }
  return inputs;
}
