/** The intents of the understanding contract (DESIGN.md §3): admins may edit their utterances, never delete them. */
export const CONTRACT_INTENTS: readonly string[] = [
  'exam.book', 'exam.query', 'exam.cancel', 'plate.select', 'plate.query', 'fine.query', 'fine.pay', 'points.query',
  'agent.handoff', 'greet', 'thanks', 'goodbye', 'help', 'cancel', 'None',
];
