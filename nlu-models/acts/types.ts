/**
 * What a confirmation question asks the citizen to agree to. The dialogue-act model reads a reply in this
 * context: at a cancellation confirmation 「取消吧」 is a yes, at a payment confirmation 「交吧」/「付了」 is a yes,
 * at a booking confirmation 「取消」 is a no.
 */
export type ConfirmPurpose = 'generic' | 'book' | 'cancel' | 'pay' | 'handle' | 'reschedule' | 'unbind' | 'select';

export const CONFIRM_PURPOSES: readonly ConfirmPurpose[] = ['generic', 'book', 'cancel', 'pay', 'handle', 'reschedule', 'unbind', 'select'];

/** The acts the learned model tells apart at a yes/no question: anything else ("other") is left to the prompt layer. */
export type ConfirmAct = 'affirm' | 'deny' | 'other';

export interface ActClassification {
  act: ConfirmAct;
  /** The model's probability of `act` (0..1). */
  score: number;
}

/** Reads a reply to a yes/no question in the question's context (the learned dialogue-act model). */
export interface ConfirmActClassifier {
  classify(text: string, purpose: ConfirmPurpose): ActClassification;
}
