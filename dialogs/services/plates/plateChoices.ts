import type { TurnContext } from 'botbuilder';
import type { Choice, FoundChoice } from 'botbuilder-dialogs';
import { msg } from '../../i18n/turnLocale';
import type { PlateSelectState, PlateWay } from './PlateSelectState';

/** What the button after the candidates does. */
export const MORE = 'more';
export const SWITCH_TO_PATTERNS = 'switch';

function button(title: string, synonyms: string[]): Choice {
  return { value: title, synonyms };
}

/** The ways in the order of their buttons. */
export const WAYS: readonly PlateWay[] = ['random', 'pattern'];

/** 随机选号 / 自编号码 as buttons (answers in either language are understood). */
export function wayChoices(ctx: TurnContext): Choice[] {
  return [
    button(msg(ctx, 'plate.way.random'), ['随机', '随机选号', '系统随机', 'random']),
    button(msg(ctx, 'plate.way.pattern'), ['自编', '自编号码', '自己编', '自选', 'own', 'my own', 'patterns']),
  ];
}

/** The extra button after a round's candidates: 换一批 while rounds are left, else a switch to own numbers. */
export function extraAction(state: PlateSelectState): typeof MORE | typeof SWITCH_TO_PATTERNS {
  return (state.roundsLeft ?? 0) > 0 ? MORE : SWITCH_TO_PATTERNS;
}

/** The candidates of the round as buttons, then 换一批 while rounds are left, else a switch to own numbers. */
export function candidateChoices(ctx: TurnContext, state: PlateSelectState): Choice[] {
  const plates = (state.candidates ?? []).map((plate) => ({ value: plate, synonyms: [plate.slice(1), plate.slice(2)] }));
  const roundsLeft = state.roundsLeft ?? 0;
  const extra = extraAction(state) === MORE
    ? button(msg(ctx, 'plate.more', { roundsLeft }), ['换一批', '换一组', '再来一批', '下一批', 'more', 'next', 'new batch'])
    : button(msg(ctx, 'plate.switchToPatterns'), ['自编', '自编号码', '自己编', 'own', 'my own']);
  return [...plates, extra];
}

/** The way chosen: passed on as 'random'/'pattern', or a button picked (by its position). */
export function asWay(result: unknown): PlateWay | undefined {
  if (result === 'random' || result === 'pattern') return result;
  const index = (result as FoundChoice | undefined)?.index;
  return index === undefined ? undefined : WAYS[index];
}
