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

const OWN_VEHICLE = /我(?:自己|本人)?的?车|自己的?车|本人(?:名下)?的?车|我名下|本人名下|\bmy (?:own )?(?:car|cars|vehicle|vehicles)\b/i;

/** 「我自己的车」 / "my own car": the bound owner's own vehicles are meant. */
export function meansOwnVehicles(text: string | undefined): boolean {
  return OWN_VEHICLE.test(text ?? '');
}
