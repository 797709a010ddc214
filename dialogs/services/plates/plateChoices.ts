import { ActionTypes, type TurnContext } from 'botbuilder';
import type { Choice, FoundChoice } from 'botbuilder-dialogs';
import { msg } from '../../i18n/turnLocale';
import type { PlateSelectState, PlateWay } from './PlateSelectState';

/** Choice values that are not plates. */
export const MORE = 'more';
export const SWITCH_TO_PATTERNS = 'switch';

function button(value: string, title: string, synonyms: string[]): Choice {
  return { value, action: { type: ActionTypes.ImBack, title, value: title }, synonyms: [title, ...synonyms] };
}

/** 随机选号 / 自编号码 as buttons (answers in either language are understood). */
export function wayChoices(ctx: TurnContext): Choice[] {
  return [
    button('random', msg(ctx, 'plate.way.random'), ['随机', '随机选号', '系统随机', 'random']),
    button('pattern', msg(ctx, 'plate.way.pattern'), ['自编', '自编号码', '自己编', '自选', 'own', 'my own', 'patterns']),
  ];
}

/** The candidates of the round as buttons, then 换一批 while rounds are left, else a switch to own numbers. */
export function candidateChoices(ctx: TurnContext, state: PlateSelectState): Choice[] {
  const plates = (state.candidates ?? []).map((plate) => ({ value: plate, synonyms: [plate.slice(1), plate.slice(2)] }));
  const roundsLeft = state.roundsLeft ?? 0;
  const extra = roundsLeft > 0
    ? button(MORE, msg(ctx, 'plate.more', { roundsLeft }), ['换一批', '换一组', '再来一批', '下一批', 'more', 'next', 'new batch'])
    : button(SWITCH_TO_PATTERNS, msg(ctx, 'plate.switchToPatterns'), ['自编', '自编号码', '自己编', 'own', 'my own']);
  return [...plates, extra];
}

/** The value of a ChoicePrompt answer, or a value passed on with step.next. */
export function choiceValue(result: unknown): string | undefined {
  if (typeof result === 'string') return result;
  return (result as FoundChoice | undefined)?.value;
}

export function asWay(value: string | undefined): PlateWay | undefined {
  return value === 'random' || value === 'pattern' ? value : undefined;
}
