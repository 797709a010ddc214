import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { msg } from '../i18n/turnLocale';
import type { ServiceIntent } from './serviceIntents';

/** A message with service buttons; each button sends the service's name, which the NLU understands. */
export function serviceButtons(ctx: TurnContext, text: string, intents: readonly ServiceIntent[]): Partial<Activity> {
  return MessageFactory.suggestedActions(intents.map((i) => msg(ctx, `main.service.${i}`)), text);
}
