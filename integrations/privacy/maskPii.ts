import { maskIdNumber } from './maskIdNumber';
import { maskPhone } from './maskPhone';
import { maskPlate } from './maskPlate';
import { maskVin } from './maskVin';

/** 18-character resident ID not inside a longer run of digits. */
const ID_NUMBER = /(?<!\d)\d{17}[\dX](?![0-9A-Z])/gi;
/** 17-character VIN (no I, O, Q) with at least one digit, standing alone. */
const VIN = /(?<![0-9A-Z])(?=[A-HJ-NPR-Z0-9]{0,16}\d)[A-HJ-NPR-Z0-9]{17}(?![0-9A-Z])/gi;
/** Mainland mobile number, optionally +86/0086/86-prefixed and split by spaces or hyphens (3-4-4). */
const PHONE = /(?<!\d)(?:(?:\+|00)?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)/g;
/** Licence plate: province, authority letter, optional separator, serial with at least one digit. */
const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•.\- ]?(?=[A-HJ-NP-Z]{0,5}\d)(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳领])(?![0-9A-Z])/gi;

/**
 * Masks the personal data a citizen may type (ID numbers, VINs, mobile numbers, licence plates) in free
 * text, e.g. before a transcript is stored. Other text, including penalty decision numbers, is unchanged.
 */
export function maskPii(text: string): string {
  return text
    .replace(ID_NUMBER, (m) => maskIdNumber(m))
    .replace(VIN, (m) => maskVin(m))
    .replace(PHONE, (m) => maskPhone(m))
    .replace(PLATE, (m) => maskPlate(m));
}
