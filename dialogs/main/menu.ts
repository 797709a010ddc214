import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { msg } from '../i18n/turnLocale';

/** A message with service buttons; each button sends the service's name, which the NLU understands. */
export function serviceButtons(ctx: TurnContext, text: string, intents: readonly string[]): Partial<Activity> {
  return MessageFactory.suggestedActions(intents.map((i) => msg(ctx, `main.service.${i}`)), text);
}
