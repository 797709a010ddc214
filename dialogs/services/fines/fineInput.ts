import { extractEntities } from '../../../nlu-models/entities';
import { normalizeText } from '../../../nlu-models/text/normalize';

/** Six VIN characters (no I, O or Q) standing on their own. */
const VIN_TAIL = /(?<![A-Za-z0-9])([A-HJ-NPR-Za-hj-npr-z0-9]{6})(?![A-Za-z0-9])/;

/** The licence plate in free text ("苏A12345", "苏 a·12345"), normalised, or undefined. */
export function readPlate(text: string | undefined, today: string): string | undefined {
  return extractEntities(text ?? '', { today }).find((e) => e.entity === 'plate_number')?.value;
}

/**
 * The last 6 characters of a VIN in free text: a whole valid VIN gives its tail; otherwise six letters or digits
 * (never I, O, Q) that are not part of a plate number. Upper case.
 */
export function readVinTail(text: string | undefined, today: string): string | undefined {
  const normal = normalizeText(text ?? '');
  const entities = extractEntities(normal, { today });
  const vin = entities.find((e) => e.entity === 'vin')?.value;
  if (vin) return vin.slice(-6);
  let rest = '';
  let pos = 0;
  for (const e of entities.filter((x) => x.entity === 'plate_number')) {
    rest += `${normal.slice(pos, e.start)} `;
    pos = e.end;
  }
  rest += normal.slice(pos);
  return VIN_TAIL.exec(rest)?.[1]?.toUpperCase();
}

/** A 15–16 digit penalty decision number in free text, or undefined. */
export function readDecisionNumber(text: string | undefined, today: string): string | undefined {
  return extractEntities(text ?? '', { today }).find((e) => e.entity === 'decision_number')?.value;
}

/** The province of the plates this platform holds (江苏): others are looked up in the 交管12123 app. */
export const HOME_PROVINCE = '苏';

/** A plate of another province (京A12345, 粤B…): this platform holds none of their records. */
export function isOtherProvince(plate: string): boolean {
  return !plate.startsWith(HOME_PROVINCE);
}

/**
 * A VIN tail in a first message that also names the plate (「查苏A12345违章 车架号后六位123456」): as readVinTail,
 * but only six characters with a digit in them (an English word such as "number" is not a VIN tail).
 */
export function readVinTailBesidePlate(text: string | undefined, today: string): string | undefined {
  const tail = readVinTail(text, today);
  return tail && /[0-9]/.test(tail) ? tail : undefined;
}

const OWN_VEHICLE = /我(?:自己|本人)?的车|自己的车|本人(?:名下)?(?:的)?车|我名下|本人名下|\bmy (?:own )?(?:car|cars|vehicle|vehicles)\b/i;

/** 「我自己的车」 / "my own car": the bound owner's own vehicles are meant. */
export function meansOwnVehicles(text: string | undefined): boolean {
  return OWN_VEHICLE.test(text ?? '');
}

const ZH_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const EN_ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

function zhNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return undefined;
  const [, a, ten, b] = m;
  if (ten) return (a ? ZH_DIGITS[a] ?? 1 : 1) * 10 + (b ? ZH_DIGITS[b] ?? 0 : 0);
  return a && !b ? ZH_DIGITS[a] : undefined;
}

/**
 * The number of an item of a numbered list the citizen refers to: 「3」「第3条」「处理第三条」「缴第二个」, "3", "the third",
 * "number 3", "3rd one", "handle the second"; undefined when the text is not such a reference.
 */
export function readListNumber(text: string | undefined): number | undefined {
  const t = normalizeText(text ?? '').trim().replace(/[。.!！,，]+$/, '');
  const zh = /^(?:我要|我想|要|想)?(?:处理|办理|缴纳|缴款|缴|交|付|选|选择|看)?(?:一下)?(第)?\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*(条|个|项|号|笔)?(?:吧|的|那条|那个)?$/.exec(t);
  if (zh) {
    const [, di, num = '', unit] = zh;
    // A bare Chinese numeral (「三」) is too loose alone; digits alone are the list's numbers.
    if (!di && !unit && !/^\d+$/.test(num)) return undefined;
    return zhNumber(num);
  }
  const en = /^(?:(?:i(?:'d| would)? like to |let's |please )?(?:handle|pay|choose|pick|take|select)?\s*)?(?:the\s+)?(?:(\d{1,2})(?:st|nd|rd|th)|(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|(?:number|no\.?|item|#)\s*(\d{1,2}))(?:\s+(?:one|item|record|violation|fine))?(?: please)?$/i.exec(t);
  if (!en) return undefined;
  const [, nth, word, numbered] = en;
  if (nth) return Number(nth);
  if (word) return EN_ORDINALS.indexOf(word.toLowerCase()) + 1;
  return numbered ? Number(numbered) : undefined;
}
