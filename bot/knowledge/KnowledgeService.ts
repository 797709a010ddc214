import { createHash } from 'node:crypto';
import type { AuditLog } from '../../integrations/storage/auditLog';
import type { DraftCard, KnowledgeStore, KnowledgeVersion } from '../../integrations/storage/knowledge';
import type { InboxStore } from '../../integrations/storage/training';
import { loadLaws, type Law } from '../../nlu-models/knowledge/articles';
import { loadCards } from '../../nlu-models/knowledge/cards';
import { checkCard, checkCardSet, type CardProblem } from '../../nlu-models/knowledge/checkCards';
import { KnowledgeIndex } from '../../nlu-models/knowledge/KnowledgeIndex';
import type { KnowledgeCard, KnowledgeLocale } from '../../nlu-models/knowledge/types';
import { groupSimilar } from '../../nlu-models/text/groupSimilar';
import type { Logger } from '../logger';
import { KnowledgeError } from './KnowledgeError';
import { LiveKnowledge } from './LiveKnowledge';

export interface KnowledgeServiceDeps {
  store: KnowledgeStore;
  audit: AuditLog;
  inbox: InboxStore;
  logger: Logger;
  now: () => number;
  /** The repository's cards (default: nlu-models/knowledge/cards): the seed. */
  repositoryCards?: () => KnowledgeCard[];
  laws?: ReadonlyMap<string, Law>;
  /** How often a process looks for a version another process made live. */
  pollMs?: number;
}

/** How a draft card stands against the live version. */
export type CardState = 'live' | 'new' | 'changed' | 'retired';

export interface DraftView extends DraftCard {
  readonly state: CardState;
}

/** Inbox items recorded by the answerer for questions no card answered. */
export const UNANSWERED = 'knowledge.question';

const SYSTEM = 'system';

export function cardsHash(cards: readonly KnowledgeCard[]): string {
  const sorted = [...cards].sort((a, b) => a.id.localeCompare(b.id));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

const sameCard = (a: KnowledgeCard | undefined, b: KnowledgeCard | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The knowledge base on a running bot: seeds the store from the repository's cards, answers from the live version
 * (every process polls the live pointer), and gives admins the draft to edit, a test box that says which card
 * answers and why, publishing (draft → new live version), rollback, and the unanswered questions grouped.
 * Every change is audited with what it was before.
 */
export class KnowledgeService {
  readonly answerer: LiveKnowledge;
  readonly laws: ReadonlyMap<string, Law>;
  private liveCards: KnowledgeCard[] = [];
  private timer?: NodeJS.Timeout;
  /** The repository's cards differ from the seed while admins have edited the draft: shown to admins, not merged. */
  repositoryChanged = false;

  constructor(private readonly d: KnowledgeServiceDeps) {
    this.laws = d.laws ?? loadLaws();
    const repo = this.repositoryCards();
    this.answerer = new LiveKnowledge(new KnowledgeIndex(repo, this.laws));
  }

  private repositoryCards(): KnowledgeCard[] {
    return (this.d.repositoryCards ?? loadCards)();
  }

  /** Seeds (first start, or repository cards changed and the draft untouched by admins), loads the live version, starts polling. */
  async init(): Promise<void> {
    const repo = this.repositoryCards();
    const hash = cardsHash(repo);
    const seed = await this.d.store.seed();
    const live = await this.d.store.live();
    if (!live) {
      await this.replaceDraft(repo);
      await this.publishCards(repo, SYSTEM, 'seed');
      await this.d.store.recordSeed(hash, this.d.now());
    } else if (seed?.hash !== hash) {
      const draft = await this.d.store.draftCards();
      if (draft.every((c) => c.updatedBy === SYSTEM)) {
        await this.replaceDraft(repo, draft);
        await this.publishCards(repo, SYSTEM, 'repository cards changed');
        await this.d.store.recordSeed(hash, this.d.now());
        this.d.logger.info({ cards: repo.length }, 'knowledge base: published the repository cards');
      } else {
        this.repositoryChanged = true;
        this.d.logger.warn({ cards: repo.length }, 'knowledge base: the repository cards changed but admins edited the draft; not merged');
      }
    }
    await this.refresh();
    if (this.d.pollMs !== 0) {
      this.timer = setInterval(() => {
        this.refresh().catch((err: unknown) => this.d.logger.warn({ err }, 'knowledge base: reading the live version failed'));
      }, this.d.pollMs ?? 2000);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Loads the live version when another one went live (here or in another process). */
  async refresh(): Promise<void> {
    const live = await this.d.store.live();
    if (!live || live.versionId === this.answerer.versionId) return;
    const cards = await this.d.store.versionCards(live.versionId);
    if (!cards) return;
    this.liveCards = cards;
    this.answerer.swap(new KnowledgeIndex(cards, this.laws), live.versionId);
  }

  private async replaceDraft(cards: readonly KnowledgeCard[], before: readonly DraftCard[] = []): Promise<void> {
    const at = this.d.now();
    const ids = new Set(cards.map((c) => c.id));
    for (const card of cards) await this.d.store.saveDraftCard({ card, status: 'active', updatedBy: SYSTEM, updatedAt: at });
    for (const old of before) if (!ids.has(old.card.id) && old.status === 'active') await this.d.store.saveDraftCard({ ...old, status: 'retired', updatedAt: at });
  }

  private async publishCards(cards: readonly KnowledgeCard[], by: string, note: string): Promise<KnowledgeVersion> {
    const version = await this.d.store.createVersion({ createdBy: by, createdAt: this.d.now(), note, hash: cardsHash(cards), cards });
    await this.d.store.setLive(version.id, by, this.d.now());
    return version;
  }

  /** The draft with each card's state against the live version. */
  async draft(): Promise<DraftView[]> {
    await this.refresh();
    const live = new Map(this.liveCards.map((c) => [c.id, c]));
    return (await this.d.store.draftCards()).map((c) => ({
      ...c,
      state: c.status === 'retired' ? 'retired' : !live.has(c.card.id) ? 'new' : sameCard(live.get(c.card.id), c.card) ? 'live' : 'changed',
    }));
  }

  async card(id: string): Promise<DraftView> {
    const found = (await this.draft()).find((c) => c.card.id === id);
    if (!found) throw new KnowledgeError('NO_SUCH_CARD', `no card ${id}`);
    return found;
  }

  /** Creates or edits a draft card; refused with the problems when it cites what the texts do not have. */
  async save(card: KnowledgeCard, by: string): Promise<DraftCard> {
    const problems = checkCard(card, this.laws);
    if (problems.length) throw new KnowledgeError('CARD_INVALID', problems.map((p) => p.message).join('; '), problems);
    const before = await this.d.store.draftCard(card.id);
    const saved: DraftCard = { card, status: 'active', updatedBy: by, updatedAt: this.d.now() };
    await this.d.store.saveDraftCard(saved);
    await this.audit(by, before ? 'knowledge.card.edit' : 'knowledge.card.create', card.id, { before: before?.card, after: card });
    return saved;
  }

  /** Retires a card (left out of the next version) or brings it back. */
  async setStatus(id: string, status: DraftCard['status'], by: string): Promise<DraftCard> {
    const before = await this.d.store.draftCard(id);
    if (!before) throw new KnowledgeError('NO_SUCH_CARD', `no card ${id}`);
    const after: DraftCard = { ...before, status, updatedBy: by, updatedAt: this.d.now() };
    await this.d.store.saveDraftCard(after);
    await this.audit(by, status === 'retired' ? 'knowledge.card.retire' : 'knowledge.card.restore', id, { before: before.status, after: status });
    return after;
  }

  /** Problems of the active draft as a set (what publishing would check): each card's, and point-table items no card cites. */
  async draftProblems(): Promise<CardProblem[]> {
    const active = (await this.d.store.draftCards()).filter((c) => c.status === 'active').map((c) => c.card);
    return checkCardSet(active, this.laws);
  }

  /**
   * Publishes the active draft as a new version and makes it live. Cards with problems block it; point-table items
   * left uncovered are reported back (a warning: retiring a card is the admin's call).
   */
  async publish(by: string, note: string): Promise<{ version: KnowledgeVersion; warnings: CardProblem[] }> {
    const active = (await this.d.store.draftCards()).filter((c) => c.status === 'active').map((c) => c.card);
    const problems = checkCardSet(active, this.laws);
    const blocking = problems.filter((p) => p.code !== 'POINT_ITEM_UNCOVERED');
    if (blocking.length) throw new KnowledgeError('CARD_INVALID', blocking.map((p) => `${p.card}: ${p.message}`).join('; '), blocking);
    if (cardsHash(active) === cardsHash(this.liveCards)) throw new KnowledgeError('NOTHING_TO_PUBLISH', 'the draft is the same as the live version');
    const beforeId = this.answerer.versionId;
    const version = await this.publishCards(active, by, note);
    await this.refresh();
    await this.audit(by, 'knowledge.publish', version.id, { before: beforeId, after: version.id, number: version.number, cards: active.length, note });
    return { version, warnings: problems.filter((p) => p.code === 'POINT_ITEM_UNCOVERED') };
  }

  /** Makes an earlier (or later) version live again: rollback. The draft is not changed. */
  async makeLive(versionId: string, by: string): Promise<KnowledgeVersion> {
    const version = await this.d.store.version(versionId);
    if (!version) throw new KnowledgeError('NO_SUCH_VERSION', `no version ${versionId}`);
    await this.refresh();
    if (this.answerer.versionId === versionId) throw new KnowledgeError('ALREADY_LIVE', `version ${version.number} is already live`);
    const beforeId = this.answerer.versionId;
    await this.d.store.setLive(versionId, by, this.d.now());
    await this.refresh();
    await this.audit(by, 'knowledge.rollback', versionId, { before: beforeId, after: versionId, number: version.number });
    return version;
  }

  async versions(): Promise<Array<KnowledgeVersion & { live: boolean }>> {
    await this.refresh();
    return (await this.d.store.versions()).map((v) => ({ ...v, live: v.id === this.answerer.versionId }));
  }

  /** Which card answers a question, and why, on the live version or on the draft as it is now. */
  async test(text: string, locale: KnowledgeLocale, source: 'live' | 'draft') {
    const index = source === 'live'
      ? this.answerer.current
      : new KnowledgeIndex((await this.d.store.draftCards()).filter((c) => c.status === 'active').map((c) => c.card), this.laws);
    return { answer: index.answer(text, locale), ranking: index.rank(text, locale, 5), article: index.rankArticles(text, 1)[0], cite: (c: KnowledgeCard) => index.cite(c.cites, locale) };
  }

  /** The questions no card answered, grouped by similarity, largest groups first. */
  async unanswered(): Promise<Array<{ representative: string; count: number; items: Array<{ id: number; text: string; locale: string; createdAt: number }> }>> {
    const items = (await this.d.inbox.open(500)).filter((i) => i.intent === UNANSWERED);
    return groupSimilar(items, (i) => i.text).map((members) => ({
      representative: members[0].text, count: members.length,
      items: members.map((m) => ({ id: m.id, text: m.text, locale: m.locale, createdAt: m.createdAt })),
    }));
  }

  /** Turns a group of unanswered questions into a draft card (their texts become its questions) and files them. */
  async cardFromInbox(ids: readonly number[], card: KnowledgeCard, by: string): Promise<DraftCard> {
    const items = await Promise.all(ids.map((id) => this.d.inbox.item(id)));
    const missing = ids.filter((_, i) => !items[i] || items[i]!.status !== 'new');
    if (missing.length) throw new KnowledgeError('NO_SUCH_INBOX_ITEM', `no open inbox item ${missing.join(', ')}`);
    const questions = { ...card.questions } as Record<KnowledgeLocale, string[]>;
    for (const item of items) {
      const locale = (item!.locale === 'en' ? 'en' : 'zh-CN') as KnowledgeLocale;
      if (!questions[locale].includes(item!.text)) questions[locale] = [...questions[locale], item!.text];
    }
    const saved = await this.save({ ...card, questions }, by);
    for (const item of items) await this.d.inbox.resolve(item!.id, 'filed', by, this.d.now(), UNANSWERED);
    await this.audit(by, 'knowledge.inbox.card', card.id, { items: ids });
    return saved;
  }

  private async audit(actor: string, action: string, target: string, details: Record<string, unknown>): Promise<void> {
    await this.d.audit.append({ at: this.d.now(), actor, action, target, details });
  }
}
