import type { World } from '../../harness';

/** A second citizen with a fuel car of her own (not seed data): someone else who wants plates too. */
export const ZHAO_MIN = { idNumber: '32010619880101001X', name: '赵敏', phone: '13612345678', vin: 'LFV2A21K3R3112233' } as const;

export function addSecondCitizen(world: World): void {
  world.admin.addCitizen({ idNumber: ZHAO_MIN.idNumber, name: ZHAO_MIN.name, phone: ZHAO_MIN.phone, licenceFirstIssuedOn: '2015-05-01' });
  world.admin.addVehicle(ZHAO_MIN.vin, ZHAO_MIN.idNumber, 'fuel');
}

/** Someone else takes a plate through the platform (pattern check, then reserve), as another channel would. */
export async function takeFor(world: World, owner: { idNumber: string; vin: string }, plate: string): Promise<void> {
  const checked = await world.platform.plates.checkPatterns(owner.idNumber, owner.vin, [plate]);
  if (checked.plate !== plate) throw new Error(`${plate} is not available: ${JSON.stringify(checked)}`);
  await world.platform.plates.reserve(owner.idNumber, owner.vin, plate, `other-${Buffer.from(plate).toString('hex')}`);
}

/** The candidates of a random round in the order offered (the order of the buttons). */
export function roundCandidates(world: World, vin: string, round: number): string[] {
  const rows = world.db.prepare('SELECT plate FROM plate_offers WHERE vin = ? AND round = ? ORDER BY rowid').all(vin, round) as { plate: string }[];
  return rows.map((r) => r.plate);
}

export function roundsUsed(world: World, vin: string): number {
  return (world.db.prepare('SELECT plate_rounds FROM vehicles WHERE vin = ?').get(vin) as { plate_rounds: number }).plate_rounds;
}

/** A RegExp matching a whole reply: the text (escaped) followed by exactly these buttons. */
export function withButtons(text: string, buttons: string): RegExp {
  return new RegExp(`^${text}[\\s\\S]* \\[${buttons}\\]$`);
}

/** Ten button titles of plates of one shape, as a RegExp source, each followed by "|". */
export function plateButtons(shape: string, count: number): string {
  return `(?:${shape}\\|){${count}}`;
}

/** Matches a 5-character fuel plate of 南京 (at most 2 letters, no I/O) or a battery-electric D plate. */
export const FUEL_PLATE = '苏A(?=(?:\\d*[A-HJ-NP-Z]){0,2}\\d*[|\\]])[0-9A-HJ-NP-Z]{5}';
export const EV_PLATE = '苏AD[0-9A-HJ-NP-Z]\\d{4}';
