import type { StoreBundle } from '../StoreBundle';
import type { SqliteStores } from '../sqlite/createSqliteStores';

export interface CopyReport {
  botState: number;
  transcripts: number;
  agents: number;
  handoffs: number;
  handoffEvents: number;
  /** What agents typed and had not sent yet, and whether they were available (issue 18). */
  agentDrafts: number;
  agentPresence: number;
  audit: number;
  intents: number;
  utterances: number;
  /** What each corpus file held when the store took it in (the base of the corpus updates offered to admins). */
  corpusSeeds: number;
  versions: number;
  inbox: number;
  /** The knowledge base: draft cards (active and retired) and published versions with their cards. */
  knowledgeCards: number;
  knowledgeVersions: number;
  /** Notices: consent per citizen and topic, and notice jobs as they were (sent ones too, so none goes out twice). */
  noticeConsents: number;
  noticeJobs: number;
  /** Where each reader of an event feed had got to, so the copy goes on from there instead of reading the feed again. */
  noticeCursors: number;
  /** The operations view's conversation facts (hashed conversations, no text). */
  conversationFacts: number;
}

interface BotStateRow { key: string; data: string }
interface TranscriptRow { conversation_id: string; channel_id: string; sender: 'user' | 'bot' | 'agent'; text: string; options: string | null; timestamp: string }

/**
 * Copies an embedded (SQLite) deployment's data into another store (MongoDB: npm run migrate:sqlite-to-mongo):
 * bot state, transcripts (with the choices bot lines offered), console accounts (same password hashes), handoffs with
 * their citizen key, offer, rating and events, agents' drafts and presence, the audit log,
 * training data, model versions with their models and the live pointer, the misunderstood inbox, and the knowledge
 * base (draft cards, published versions with their cards, the live version and the seed record), and the notices
 * (consents, jobs with their status, attempts and lease, under their own ids, and the event-feed cursors).
 * Run it with the bot stopped, into an empty target. Ids of agents, handoffs and versions are new; references follow.
 */
export async function copyStores(from: SqliteStores, to: StoreBundle, log: (line: string) => void = () => undefined): Promise<CopyReport> {
  const r: CopyReport = { botState: 0, transcripts: 0, agents: 0, handoffs: 0, handoffEvents: 0, agentDrafts: 0, agentPresence: 0, audit: 0, intents: 0, utterances: 0, corpusSeeds: 0, versions: 0, inbox: 0, knowledgeCards: 0, knowledgeVersions: 0, noticeConsents: 0, noticeJobs: 0, noticeCursors: 0, conversationFacts: 0 };

  for (const row of from.db.prepare('SELECT key, data FROM bot_state ORDER BY key').all() as BotStateRow[]) {
    await to.storage.write({ [row.key]: { ...(JSON.parse(row.data) as object), eTag: '*' } });
    r.botState += 1;
  }
  log(`bot state: ${r.botState} items`);

  for (const t of from.db.prepare('SELECT conversation_id, channel_id, sender, text, options, timestamp FROM transcript_entries ORDER BY id').all() as TranscriptRow[]) {
    const options = t.options === null ? undefined : JSON.parse(t.options) as string[];
    await to.transcripts.append({ conversationId: t.conversation_id, channelId: t.channel_id, from: t.sender, text: t.text, ...(options ? { options } : {}), timestamp: t.timestamp });
    r.transcripts += 1;
  }
  log(`transcripts: ${r.transcripts} lines`);

  const agentIds = new Map<string, string>();
  for (const a of await from.agents.list()) {
    const copy = await to.agents.create({ username: a.username, displayName: a.displayName, role: a.role, passwordHash: a.passwordHash, createdAt: a.createdAt });
    if (a.disabled) await to.agents.setDisabled(copy.id, true);
    agentIds.set(a.id, copy.id);
    r.agents += 1;
  }
  const agent = (id: string | undefined): string | undefined => (id === undefined ? undefined : agentIds.get(id) ?? id);
  log(`console accounts: ${r.agents} (sessions are not copied: everyone logs in again)`);

  const handoffRows = from.db.prepare('SELECT id FROM handoffs ORDER BY created_at, rowid').all() as Array<{ id: string }>;
  const handoffIds = new Map<string, string>();
  for (const { id } of handoffRows) {
    const h = await from.handoffs.get(id);
    if (!h) continue;
    const { record } = await to.handoffs.create({
      conversationKey: h.conversationKey, citizenKey: h.citizenKey, channelId: h.channelId, conversationId: h.conversationId, reference: h.reference,
      reason: h.reason, citizen: h.citizen, intents: h.intents, locale: h.locale,
    }, h.createdAt);
    handoffIds.set(h.id, record.id);
    if (h.offeredTo !== undefined) await to.handoffs.offer(record.id, agent(h.offeredTo) ?? h.offeredTo, h.offeredAt ?? h.createdAt);
    if (h.agentId && h.acceptedAt !== undefined) await to.handoffs.accept(record.id, agent(h.agentId) ?? h.agentId, h.acceptedAt);
    if (h.status === 'closed' || h.status === 'cancelled' || h.status === 'expired') {
      await to.handoffs.finish(record.id, ['waiting', 'active'], h.status, h.outcome ?? '', h.closedAt ?? h.createdAt);
      if (h.callbackRequested) await to.handoffs.requestCallback(record.id);
      if (h.ratingAskedAt !== undefined) await to.handoffs.askRating(record.id, h.ratingAskedAt);
      if (h.rating) await to.handoffs.rate(record.id, h.rating.score, h.rating.at);
      if (h.rating?.comment !== undefined) await to.handoffs.commentRating(record.id, h.rating.comment);
    }
    for (const e of await from.handoffs.eventsOf(h.id)) {
      await to.handoffs.addEvent({ handoffId: record.id, kind: e.kind, agentId: agent(e.agentId), text: e.text, at: e.at });
      r.handoffEvents += 1;
    }
    r.handoffs += 1;
  }
  log(`handoffs: ${r.handoffs} with ${r.handoffEvents} events`);

  // Oldest first, so each agent's drafts keep their order; a draft of a handoff that is gone is dropped.
  for (const d of from.db.prepare('SELECT agent_id, handoff_id, text, at FROM agent_drafts ORDER BY at, rowid').all() as Array<{ agent_id: string; handoff_id: string; text: string; at: number }>) {
    const handoffId = handoffIds.get(d.handoff_id);
    if (!handoffId) continue;
    await to.handoffs.saveDraft(agent(d.agent_id) ?? d.agent_id, handoffId, d.text, d.at);
    r.agentDrafts += 1;
  }
  for (const p of await from.handoffs.presence()) {
    await to.handoffs.setPresence(agent(p.agentId) ?? p.agentId, p.status, p.since);
    r.agentPresence += 1;
  }
  log(`agents' drafts: ${r.agentDrafts}, presence: ${r.agentPresence}`);

  for (const e of (await from.audit.recent(1_000_000)).reverse()) {
    await to.audit.append({ at: e.at, actor: agent(e.actor) ?? e.actor, action: e.action, target: e.target, details: e.details });
    r.audit += 1;
  }
  log(`audit log: ${r.audit} entries`);

  for (const i of await from.training.intents()) {
    await to.training.upsertIntent(i);
    r.intents += 1;
  }
  for (const u of await from.training.utterances()) {
    await to.training.addUtterance({ intent: u.intent, locale: u.locale, text: u.text, split: u.split, source: u.source, createdAt: u.createdAt });
    r.utterances += 1;
  }
  for (const s of await from.training.corpusSeeds()) {
    await to.training.recordCorpusSeed({ ...s, recordedBy: agent(s.recordedBy) ?? s.recordedBy });
    r.corpusSeeds += 1;
  }
  log(`training data: ${r.intents} intents, ${r.utterances} utterances, ${r.corpusSeeds} corpus files as taken in`);

  const versionIds = new Map<string, string>();
  for (const v of [...(await from.training.versions())].reverse()) {
    const copy = await to.training.createVersion({ createdBy: agent(v.createdBy) ?? v.createdBy, createdAt: v.createdAt, dataHash: v.dataHash, intents: v.intents });
    const model = await from.training.loadModel(v.id);
    if (model) await to.training.saveModel(copy.id, model);
    await to.training.updateVersion(copy.id, { status: v.status, phase: v.phase, percent: v.percent, metrics: v.metrics ?? undefined, error: v.error });
    versionIds.set(v.id, copy.id);
    r.versions += 1;
  }
  const live = await from.training.live();
  if (live) await to.training.setLive(versionIds.get(live.versionId) ?? live.versionId, agent(live.publishedBy) ?? live.publishedBy, live.publishedAt);
  log(`model versions: ${r.versions}${live ? `, live: ${versionIds.get(live.versionId)}` : ''}`);

  const inboxRows = from.db.prepare('SELECT id FROM nlu_inbox ORDER BY id').all() as Array<{ id: number }>;
  for (const { id } of inboxRows) {
    const item = await from.inbox.item(id);
    if (!item) continue;
    await to.inbox.record({ text: item.text, locale: item.locale, intent: item.intent, score: item.score, at: item.createdAt });
    r.inbox += 1;
  }
  log(`misunderstood inbox: ${r.inbox} items (all as new)`);

  for (const d of await from.knowledge.draftCards()) {
    await to.knowledge.saveDraftCard({ ...d, updatedBy: agent(d.updatedBy) ?? d.updatedBy });
    r.knowledgeCards += 1;
  }
  // Oldest first, so the copies are numbered as the originals were.
  const knowledgeIds = new Map<string, string>();
  for (const v of [...(await from.knowledge.versions())].reverse()) {
    const cards = (await from.knowledge.versionCards(v.id)) ?? [];
    const copy = await to.knowledge.createVersion({ createdBy: agent(v.createdBy) ?? v.createdBy, createdAt: v.createdAt, note: v.note, hash: v.hash, cards });
    knowledgeIds.set(v.id, copy.id);
    r.knowledgeVersions += 1;
  }
  const knowledgeLive = await from.knowledge.live();
  const liveCopy = knowledgeLive && knowledgeIds.get(knowledgeLive.versionId);
  if (knowledgeLive && liveCopy) await to.knowledge.setLive(liveCopy, agent(knowledgeLive.publishedBy) ?? knowledgeLive.publishedBy, knowledgeLive.publishedAt);
  const seed = await from.knowledge.seed();
  if (seed) await to.knowledge.recordSeed(seed.hash, seed.at);
  log(`knowledge base: ${r.knowledgeCards} draft cards, ${r.knowledgeVersions} versions${liveCopy ? `, live: ${liveCopy}` : ''}${seed ? ', seed record' : ''}`);

  for (const { citizen } of from.db.prepare('SELECT DISTINCT citizen FROM notice_consents ORDER BY citizen').all() as Array<{ citizen: string }>) {
    for (const c of await from.notices.consents(citizen)) {
      await to.notices.setConsent(c);
      r.noticeConsents += 1;
    }
  }
  // Every job, done ones included: a sent job keeps its key taken, so the notice is not created and sent again.
  for (const { id } of from.db.prepare('SELECT id FROM notice_jobs ORDER BY created_at, id').all() as Array<{ id: string }>) {
    const job = await from.notices.job(id);
    if (job && (await to.notices.restore(job))) r.noticeJobs += 1;
  }
  for (const c of from.db.prepare('SELECT name, value, updated_at FROM notice_cursors ORDER BY name').all() as Array<{ name: string; value: string; updated_at: number }>) {
    await to.notices.saveCursor(c.name, c.value, c.updated_at);
    r.noticeCursors += 1;
  }
  log(`notices: ${r.noticeConsents} consents, ${r.noticeJobs} jobs, ${r.noticeCursors} feed cursors`);

  for (let page = await from.facts.page(0, 1000); page.length; page = await from.facts.page(r.conversationFacts, 1000)) {
    for (const f of page) await to.facts.append(f);
    r.conversationFacts += page.length;
  }
  log(`operations: ${r.conversationFacts} conversation facts`);
  return r;
}
