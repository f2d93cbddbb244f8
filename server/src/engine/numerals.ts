// Chinese numerals used in heading markers and enumerations (一 … 九十九, 百).

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百';

/** Parses 一 … 九百九十九; returns undefined for anything else. */
export function parseChineseNumeral(s: string): number | undefined {
  if (!s) return undefined;
  let total = 0;
  let current = 0;
  let seenUnit = false;
  for (const ch of s) {
    if (ch in DIGITS) {
      current = current * 10 + DIGITS[ch];
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
      seenUnit = true;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
      seenUnit = true;
    } else {
      return undefined;
    }
  }
  if (!seenUnit && s.length > 1) return undefined; // "一二" is not a number
  return total + current;
}

/** Writes 1 → 一, 11 → 十一, 20 → 二十, 105 → 一百零五. */
export function toChineseNumeral(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 0 || !Number.isInteger(n)) return String(n);
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  if (n < 100) return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
  if (n < 1000) {
    const rest = n % 100;
    const head = d[Math.floor(n / 100)] + '百';
    if (rest === 0) return head;
    if (rest < 10) return head + '零' + d[rest];
    return head + (rest < 20 ? '一' : '') + toChineseNumeral(rest);
  }
  return String(n);
}
