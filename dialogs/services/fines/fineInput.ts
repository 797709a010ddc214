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
