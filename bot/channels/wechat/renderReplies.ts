import { ActivityTypes, CardFactory, type Activity, type CardAction, type HeroCard } from 'botbuilder';
import type { CustomMessage, NewsArticle } from '../../../integrations/wechat/types';
import type { Locale } from '../../../dialogs/i18n/Locale';
import { translate } from '../../../dialogs/i18n/catalog';

/** WeChat caps a text message at 2048 bytes; stay under it in characters of up to 3 UTF-8 bytes each. */
export const MAX_TEXT_CHARS = 680;
const MAX_ARTICLES = 8;

export interface RenderedReplies {
  /** In order; texts of one turn are joined into as few messages as the length cap allows. */
  readonly messages: CustomMessage[];
  /** The values of the numbered options shown last, which a bare number answers; empty when none. */
  readonly options: string[];
}

/**
 * Turns what the bot sent in one turn into WeChat messages: suggested actions and card buttons become
 * numbered lines ("1. 查违章") the citizen answers with the number; hero and thumbnail cards become news (图文).
 */
export function renderReplies(activities: readonly Partial<Activity>[], locale: Locale): RenderedReplies {
  const messages: CustomMessage[] = [];
  let options: string[] = [];
  let text = '';
  const flush = (): void => {
    for (const part of splitText(text.trim())) messages.push({ msgtype: 'text', text: { content: part } });
    text = '';
  };
  for (const a of activities) {
    if ((a.type ?? ActivityTypes.Message) !== ActivityTypes.Message) continue;
    const actions: CardAction[] = [...(a.suggestedActions?.actions ?? [])];
    const articles: NewsArticle[] = [];
    const lines: string[] = a.text ? [a.text] : [];
    for (const att of a.attachments ?? []) {
      if (att.contentType === CardFactory.contentTypes.heroCard || att.contentType === CardFactory.contentTypes.thumbnailCard) {
        const card = att.content as HeroCard;
        const open = card.buttons?.find((b) => b.type === 'openUrl');
        if (open || card.images?.length) {
          articles.push({
            title: card.title ?? '', description: [card.subtitle, card.text].filter(Boolean).join('\n'),
            url: String(open?.value ?? card.tap?.value ?? ''), picurl: card.images?.[0]?.url ?? '',
          });
        } else {
          lines.push([card.title, card.subtitle, card.text].filter(Boolean).join('\n'));
        }
        actions.push(...(card.buttons ?? []).filter((b) => b.type === 'imBack' || b.type === 'postBack' || b.type === 'messageBack'));
      } else if (att.contentUrl) {
        lines.push(`${att.name ?? att.contentUrl}: ${att.contentUrl}`);
      }
    }
    if (actions.length) {
      options = actions.map((b) => String(b.value ?? b.title ?? ''));
      lines.push(actions.map((b, i) => `${i + 1}. ${b.title ?? String(b.value ?? '')}`).join('\n'));
      lines.push(translate(locale, 'wechat.answerWithNumber'));
    }
    if (lines.length) text += `${text ? '\n\n' : ''}${lines.join('\n')}`;
    if (articles.length) {
      flush();
      for (let i = 0; i < articles.length; i += MAX_ARTICLES) {
        messages.push({ msgtype: 'news', news: { articles: articles.slice(i, i + MAX_ARTICLES) } });
      }
    }
  }
  flush();
  return { messages, options };
}

/** Splits long text at line breaks where possible, never inside a surrogate pair. */
function splitText(text: string): string[] {
  if (!text) return [];
  const chars = Array.from(text);
  const parts: string[] = [];
  let start = 0;
  while (chars.length - start > MAX_TEXT_CHARS) {
    let end = start + MAX_TEXT_CHARS;
    const newline = chars.lastIndexOf('\n', end);
    if (newline > start + MAX_TEXT_CHARS / 2) end = newline;
    parts.push(chars.slice(start, end).join('').trim());
    start = end;
  }
  parts.push(chars.slice(start).join('').trim());
  return parts.filter(Boolean);
}
