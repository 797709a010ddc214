/** The service intents a flow dialog handles, in menu order (DESIGN.md §3). */
export const SERVICE_INTENTS = [
  'exam.book', 'exam.query', 'exam.cancel', 'plate.select', 'plate.query', 'fine.query', 'fine.pay', 'points.query',
] as const;

export type ServiceIntent = (typeof SERVICE_INTENTS)[number];

export function isServiceIntent(intent: string): intent is ServiceIntent {
  return (SERVICE_INTENTS as readonly string[]).includes(intent);
}

/** The buttons of the main menu: the services citizens use most. */
export const MENU_INTENTS: readonly ServiceIntent[] = ['exam.book', 'plate.select', 'fine.query', 'fine.pay', 'points.query'];

/** Intents of the same family do not interrupt each other ("明天" while booking an exam stays in the flow). */
export function intentFamily(intent: string): string {
  return intent.startsWith('points.') ? 'fine' : intent.split('.')[0];
}
