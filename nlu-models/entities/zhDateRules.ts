import { parseChineseNumber } from './chineseNumber';
import type { DateRule } from './dateRule';
import { toDayNumber } from './dayNumber';
import { formatDayNumber } from './formatDayNumber';
import { resolveMonthDay } from './resolveMonthDay';
import { resolveWeekday } from './resolveWeekday';

const RELATIVE_DAYS: Readonly<Record<string, number>> = {
  大前天: -3, 前天: -2, 昨天: -1, 昨日: -1, 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3,
};

const WEEKDAYS: Readonly<Record<string, number>> = {
  一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6,
  '1': 0, '2': 1, '3': 2, '4': 3, '5': 4, '6': 5, '7': 6,
};

const CN_DIGITS = '零〇一二两三四五六七八九十';
const MONTH_OR_DAY = `(\\d{1,2}|[${CN_DIGITS}]{1,3})`;

function numberOf(token: string): number | undefined {
  return /^\d+$/.test(token) ? Number(token) : parseChineseNumber(token);
}

function yearOf(today: number): number {
  return Number(formatDayNumber(today).slice(0, 4));
}

/** 今天, 明天, 后天, 大后天, 昨天, 前天… */
const relativeDay: DateRule = {
  pattern: new RegExp(
    Object.keys(RELATIVE_DAYS)
      .sort((a, b) => b.length - a.length)
      .join('|'),
    'g',
  ),
  resolve: (m, today) => today + (RELATIVE_DAYS[m[0]] ?? 0),
};

/**
 * 周五 / 星期五 / 礼拜五, with 这/本 (the coming one), 下/下个 (next week), 下下 (the week after),
 * 上/上个 (last week). 下 after 一 (查一下周五) and 上 closing a word (早上周五) are not prefixes.
 */
const weekday: DateRule = {
  pattern:
    /((?<![一以])下下个?|(?<![一以])下个?|(?<![早晚马路网以线楼身手加算赶碰遇班])上个?|这个?|本)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g,
  resolve: (m, today) => {
    const prefix = m[1] ?? '';
    const day = WEEKDAYS[m[2] ?? ''];
    if (day === undefined) return undefined;
    // 一周三次, 每周三天: a frequency, not a weekday.
    if (!prefix && /[一二两三四五六七八九十每几半]$/.test(m.input.slice(0, m.index))) {
      if (/^[次天个回]/.test(m.input.slice(m.index + m[0].length))) return undefined;
    }
    const shift = prefix.startsWith('下下') ? 2 : prefix.startsWith('下') ? 1 : prefix.startsWith('上') ? -1 : undefined;
    return resolveWeekday(today, day, shift);
  },
};

/** 12月3号, 十二月三日, 2026年12月15日, 二零二六年十二月十五号, 明年1月3日. */
const monthDay: DateRule = {
  pattern: new RegExp(
    `(?<![0-9${CN_DIGITS}])(?:(\\d{4}|[零〇一二三四五六七八九]{4})\\s?年\\s?|(今年|明年|去年|后年))?` +
      `${MONTH_OR_DAY}\\s?月\\s?${MONTH_OR_DAY}\\s?[日号]`,
    'g',
  ),
  resolve: (m, today) => {
    const [, explicitYear, relativeYear, monthToken = '', dayToken = ''] = m;
    const month = numberOf(monthToken);
    const day = numberOf(dayToken);
    if (month === undefined || day === undefined) return undefined;
    if (explicitYear !== undefined) {
      const year = numberOf(explicitYear) ?? parseChineseNumber(explicitYear);
      return year === undefined ? undefined : toDayNumber(year, month, day);
    }
    if (relativeYear !== undefined) {
      const offset = { 去年: -1, 今年: 0, 明年: 1, 后年: 2 }[relativeYear] ?? 0;
      return toDayNumber(yearOf(today) + offset, month, day);
    }
    return resolveMonthDay(today, month, day);
  },
};

/** 2026-12-15, 2026/12/15, 2026.12.15 (one separator used throughout). */
const numericDate: DateRule = {
  pattern: /(?<![0-9.\-/])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![0-9]|[-/.][0-9])/g,
  resolve: (m) => toDayNumber(Number(m[1]), Number(m[3]), Number(m[4])),
};

/** Chinese date expressions (and numeric dates, which need no language). */
export const zhDateRules: readonly DateRule[] = [relativeDay, weekday, monthDay, numericDate];
