import { ActivityTypes, CardFactory, type Activity, type CardAction, type HeroCard } from 'botbuilder';
import type { CustomMessage, NewsArticle } from '../../../integrations/wechat/types';
import type { Locale } from '../../../dialogs/i18n/Locale';
import { translate } from '../../../dialogs/i18n/catalog';

/** A message stays readable on a phone screen: at most this many characters… */
export const MAX_TEXT_CHARS = 680;
/** …and never over WeChat's cap of 2048 UTF-8 bytes (emoji take 4). */
export const MAX_TEXT_BYTES = 2048;
/** WeChat has accepted one article per news message since October 2018 (more: errcode 45008). */
const MAX_ARTICLES = 1;

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
  // Blocks of text (an activity's text, a card's text, an options list) packed into as few messages as fit.
  let blocks: string[] = [];
  const flush = (): void => {
    for (const part of packBlocks(blocks)) messages.push({ msgtype: 'text', text: { content: part } });
    blocks = [];
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
    const text = lines.join('\n').trim();
    if (text) blocks.push(text);
    if (actions.length) {
      options = actions.map((b) => String(b.value ?? b.title ?? ''));
      // The numbered list stays in one piece with its hint, glued to the text above when both fit.
      const list = `${actions.map((b, i) => `${i + 1}. ${b.title ?? String(b.value ?? '')}`).join('\n')}\n${translate(locale, 'wechat.answerWithNumber')}`;
      const last = blocks.length ? blocks[blocks.length - 1] : undefined;
      if (text && last === text && fits(`${text}\n${list}`)) blocks[blocks.length - 1] = `${text}\n${list}`;
      else blocks.push(list);
    }
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

function fits(s: string): boolean {
  return Array.from(s).length <= MAX_TEXT_CHARS && Buffer.byteLength(s, 'utf8') <= MAX_TEXT_BYTES;
}

/** Joins blocks (blank line between) into messages of at most MAX_TEXT_CHARS; only an oversized block is cut. */
function packBlocks(blocks: readonly string[]): string[] {
  const out: string[] = [];
  let current = '';
  for (const block of blocks) {
    const joined = current ? `${current}\n\n${block}` : block;
    if (fits(joined)) {
      current = joined;
      continue;
    }
    if (current) out.push(current);
    current = '';
    const pieces = splitText(block);
    out.push(...pieces.slice(0, -1));
    current = pieces[pieces.length - 1] ?? '';
  }
  if (current) out.push(current);
  return out;
}

/** Splits long text within both limits, at a line break where one is near, never inside a surrogate pair. */
function splitText(text: string): string[] {
  const chars = Array.from(text);
  const parts: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = start;
    let bytes = 0;
    while (end < chars.length && end - start < MAX_TEXT_CHARS) {
      const size = Buffer.byteLength(chars[end], 'utf8');
      if (bytes + size > MAX_TEXT_BYTES) break;
      bytes += size;
      end += 1;
    }
    if (end < chars.length) {
      const newline = chars.lastIndexOf('\n', end - 1);
      if (newline > start + (end - start) / 2) end = newline + 1;
    }
    const part = chars.slice(start, end).join('').trim();
    if (part) parts.push(part);
    start = end;
  }
  return parts;
}
