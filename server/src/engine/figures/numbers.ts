// Numbers as written in reports: Arabic (1,200 3.5), full-width (４６), Chinese (一百二十 两千),
// vague Chinese (十几 三四 几十), mixed (1.2万 3.6亿), and 百分之十.

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Maps full-width digits and signs to ASCII, keeping every character one code unit. */
export function toHalfWidth(s: string): string {
  return s.replace(/[０-９．％，]/g, (c) => {
    if (c === '．') return '.';
    if (c === '％') return '%';
    if (c === '，') return '，';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/** Parses an Arabic number with optional thousands commas and decimals. */
export function parseArabic(s: string): number {
  return Number(s.indexOf(',') < 0 ? s : s.replace(/,/g, ''));
}

export function decimalsOf(s: string): number {
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

// The same tables by UTF-16 code (no one-character strings while parsing).
const DIGIT_CODE = new Map(Object.entries(DIGIT).map(([k, v]) => [k.charCodeAt(0), v]));
const SMALL_UNIT_CODE = new Map(Object.entries(SMALL_UNIT).map(([k, v]) => [k.charCodeAt(0), v]));

/** Parses a section below 万: 三千五百二十 / 二十 / 十五 / 三五 (digits only as a digit string). */
function parseSection(s: string): number | undefined {
  if (!s) return 0;
  let total = 0;
  let current = 0;
  let sawUnit = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const digit = DIGIT_CODE.get(c);
    if (digit !== undefined) current = current * 10 + digit;
    else {
      const unit = SMALL_UNIT_CODE.get(c);
      if (unit === undefined) return undefined;
      total += (current || 1) * unit;
      current = 0;
      sawUnit = true;
    }
  }
  if (!sawUnit && s.length > 1 && !/^[〇零一二三四五六七八九]+$/u.test(s)) return undefined;
  return total + current;
}

/** Parses a Chinese numeral with 万 and 亿: 一百二十, 两千, 三万五千, 二〇二四 (digit string). */
export function parseChinese(s: string): number | undefined {
  if (!s) return undefined;
  let rest = s;
  let total = 0;
  const yi = rest.lastIndexOf('亿');
  if (yi >= 0) {
    const head = yi === 0 ? 1 : parseChinese(rest.slice(0, yi));
    if (head === undefined) return undefined;
    total += head * 1e8;
    rest = rest.slice(yi + 1);
  }
  const wan = rest.indexOf('万');
  if (wan >= 0) {
    const head = wan === 0 ? 1 : parseSection(rest.slice(0, wan));
    if (head === undefined) return undefined;
    total += head * 1e4;
    rest = rest.slice(wan + 1);
  }
  const tail = parseSection(rest.replace(/^零/u, ''));
  if (tail === undefined) return undefined;
  return total + tail;
}

export interface ParsedAmount {
  low: number;
  high: number;
  /** The value to show: the exact value, or the lower end of a vague one. */
  value: number;
  vague: boolean;
}

/**
 * Parses a Chinese numeral that may be vague: 十几 (11–19), 几十 (20–90), 三四 (3–4),
 * 二三十 (20–30), 十一二 (11–12).
 */
export function parseChineseAmount(s: string): ParsedAmount | undefined {
  if (s.includes('几')) {
    const low = parseChinese(s.replace(/几/gu, '一'));
    const high = parseChinese(s.replace(/几/gu, '九'));
    if (low === undefined || high === undefined) return undefined;
    // 几十 is at least 二十 in use; 十几 at least 十一.
    const lo = /^几/u.test(s) ? Math.max(low, parseChinese(s.replace(/几/gu, '二')) ?? low) : low;
    return { low: lo, high, value: lo, vague: true };
  }
  const adj = /^(.*?)([一二三四五六七八])([二三四五六七八九])(.*)$/u.exec(s);
  if (adj && DIGIT[adj[3]] === DIGIT[adj[2]] + 1 && !/[一二三四五六七八九]/u.test(adj[4].charAt(0))) {
    const low = parseChinese(adj[1] + adj[2] + adj[4]);
    const high = parseChinese(adj[1] + adj[3] + adj[4]);
    if (low !== undefined && high !== undefined && high > low) return { low, high, value: low, vague: true };
  }
  const v = parseChinese(s);
  return v === undefined ? undefined : { low: v, high: v, value: v, vague: false };
}

/** The scale of 万, 亿, 万亿, 千 written after a number. */
export function scaleOf(s: string): number {
  let f = 1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x4e07) f *= 1e4; // 万
    else if (c === 0x4ebf) f *= 1e8; // 亿
    else if (c === 0x5343) f *= 1e3; // 千
    else if (c === 0x767e) f *= 1e2; // 百
    else if (c === 0x5341) f *= 10; // 十
  }
  return f;
}

/** The next step above a number's last significant digit: 200 → 100, 1200 → 100, 25 → 1. */
export function stepOf(n: number): number {
  if (n <= 0) return 1;
  let step = 1;
  while (n % (step * 10) === 0 && step < 1e12) step *= 10;
  return step;
}

/** Formats a number for messages: no float noise, at most `decimals` places. */
export function formatNumber(n: number, decimals = 2): string {
  if (!Number.isFinite(n)) return String(n);
  // An integer prints as itself (what toFixed and the trimming below give too).
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const fixed = n.toFixed(decimals);
  return decimals > 0 ? fixed.replace(/\.?0+$/, '') : fixed;
}
