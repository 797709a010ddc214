/** A dialog stack entry as botbuilder-dialogs keeps it in the conversation state (components nest theirs in state.dialogs). */
export interface StackEntry {
  id: string;
  state?: { dialogs?: { dialogStack?: StackEntry[] }; options?: Record<string, unknown>; values?: { instanceId?: string } };
}

/** Where a conversation was at one moment: the flows running (by service), the question shown and the main loop. */
export interface StackView {
  /** Running flows, outermost first: service and an id of that run (a flow begun again is another run). */
  flows: Array<{ service: string; run: string }>;
  /** The question open (a declared prompt id) and the flow it belongs to. */
  step?: { service: string; id: string };
  /** The main loop's run and the service of the flow that ended just before it was begun again. */
  loop?: { run: string; previous?: string };
}

const MAIN_LOOP = 'main.loop';

/** An entry's run: its waterfall's instance id, or that of the first waterfall inside it. */
function runOf(entry: StackEntry): string {
  return entry.state?.values?.instanceId ?? (entry.state?.dialogs?.dialogStack?.[0] ? runOf(entry.state.dialogs.dialogStack[0]) : '');
}

/**
 * Reads a saved dialog stack with the flows' dialog ids (→ service) and the declared prompt ids; entries it does not
 * know are walked through.
 */
export function readStack(stack: readonly StackEntry[] | undefined, flowService: ReadonlyMap<string, string>, prompts: ReadonlySet<string>): StackView {
  const view: StackView = { flows: [] };
  // A flow's run: where it is on the stack under which run of the main loop (a flow's own waterfalls may begin again
  // at every step; the loop begins again only when a flow it started has ended).
  const walk = (entries: readonly StackEntry[] | undefined, path: string): void => {
    (entries ?? []).forEach((e, i) => {
      const service = flowService.get(e.id);
      if (service) view.flows.push({ service, run: `${path}/${i}:${e.id}@${view.loop?.run ?? ''}` });
      if (e.id === MAIN_LOOP && !view.loop) {
        const previous = e.state?.options?.previous;
        view.loop = { run: runOf(e), ...(typeof previous === 'string' ? { previous } : {}) };
      }
      if (prompts.has(e.id) && view.flows.length) view.step = { service: view.flows[view.flows.length - 1].service, id: e.id };
      walk(e.state?.dialogs?.dialogStack, `${path}/${i}`);
    });
  };
  walk(stack, '');
  return view;
}

/** What changed from one view to the next: flows begun (one-turn flows included), and the question now shown if new. */
export function stackChanges(before: StackView, after: StackView): { started: string[]; step?: { service: string; id: string } } {
  const known = new Set(before.flows.map((f) => f.run));
  const started = after.flows.filter((f) => !known.has(f.run)).map((f) => f.service);
  // A flow begun and ended within the turn: the loop was begun again naming it, and it was not running before.
  const prev = after.loop?.previous;
  if (prev && after.loop?.run !== before.loop?.run && !before.flows.some((f) => f.service === prev) && !started.includes(prev)) started.push(prev);
  const newStep = after.step && (after.step.id !== before.step?.id || after.step.service !== before.step?.service || started.includes(after.step.service)) ? after.step : undefined;
  return { started, ...(newStep ? { step: newStep } : {}) };
}
