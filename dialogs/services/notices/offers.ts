import type { PromptDefinition } from '../../prompts/PromptDefinition';
import type { NoticeTopicId } from './NoticeTopic';
import { NOTICE_PROMPTS } from './prompts';

/**
 * A consent question asked at a natural moment, after a flow's outcome is told: asked only when its first topic was
 * never answered (a no is not asked again), yes turns on all its topics, no records the ones not on as not wanted.
 * Its texts are message ids; the question and doneSoFar may take the flow's parameters (e.g. {date}).
 */
export interface NoticeOffer {
  readonly id: 'exam' | 'fine' | 'plate' | 'violations';
  readonly topics: readonly [NoticeTopicId, ...NoticeTopicId[]];
  readonly prompt: PromptDefinition;
  /** The question, the replies to yes and no, and what is said when the citizen stops at the question. */
  readonly messages: { readonly ask: string; readonly yes: string; readonly no: string; readonly doneSoFar: string };
}

const texts = (id: NoticeOffer['id']): NoticeOffer['messages'] => ({
  ask: `notices.offer.${id}.ask`, yes: `notices.offer.${id}.yes`, no: `notices.offer.${id}.no`, doneSoFar: `notices.offer.${id}.doneSoFar`,
});

/** The offers: after an exam booking, a handled but unpaid violation, a reserved plate, a bound owner's lookup. */
export const NOTICE_OFFERS = {
  exam: { id: 'exam', topics: ['exam-reminder', 'exam-result'], prompt: NOTICE_PROMPTS.examOffer, messages: texts('exam') },
  // The decision was just shown: decision-issued is not offered with it.
  fine: { id: 'fine', topics: ['fine-deadline'], prompt: NOTICE_PROMPTS.fineOffer, messages: texts('fine') },
  plate: { id: 'plate', topics: ['plate-expiring'], prompt: NOTICE_PROMPTS.plateOffer, messages: texts('plate') },
  violations: { id: 'violations', topics: ['new-violation'], prompt: NOTICE_PROMPTS.violationsOffer, messages: texts('violations') },
} as const satisfies Record<NoticeOffer['id'], NoticeOffer>;

export type NoticeOfferId = keyof typeof NOTICE_OFFERS;
