import {
  ComponentDialog, TextPrompt, WaterfallDialog,
  type DialogTurnResult, type FoundChoice, type PromptValidatorContext, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Violation } from '../../../integrations/platform/types';
import type { DialogDeps } from '../../DialogDeps';
import { BindingDialog } from '../../identity/BindingDialog';
import { boundResult, ensureBoundStep } from '../../identity/ensureBound';
import { formatInstant } from '../../i18n/format';
import { localeOf, msg } from '../../i18n/turnLocale';
import { hintHandoff } from '../../handoff/handoffHint';
import { channelUserId } from '../../shared/channelUserId';
import { entityValue, type FlowOptions } from '../../shared/FlowOptions';
import { runPlatform } from '../../shared/runPlatform';
import { todayOf } from '../../shared/today';
import { FINE_PAY_DIALOG, FinePayDialog, type FinePayOptions } from './FinePayDialog';
import { readPlate, readVinTail } from './fineInput';
import { violationItem, violationChoices } from './fineText';
import { finesChoicePrompt } from './choicePrompt';
import { PlateLookupLimiter } from './PlateLookupLimiter';

export const FINE_QUERY_DIALOG = 'fineQueryDialog';
const WAY_PROMPT = 'fineQuery.wayPrompt';
const PLATE_PROMPT = 'fineQuery.platePrompt';
const VIN_TAIL_PROMPT = 'fineQuery.vinTailPrompt';
const OFFER_PROMPT = 'fineQuery.offerPrompt';
const MAIN_WATERFALL = 'fineQuery.main';
const OWNER_LOOKUP = 'fineQuery.byOwner';
const PLATE_LOOKUP = 'fineQuery.byPlate';
/** Plate + VIN tail mismatches tolerated before the flow points to a person. */
const MAX_MISSES = 3;

/** What a plate lookup has collected (dialog state). */
export interface PlateLookupState {
  plate?: string;
  vinTail?: string;
  misses?: number;
}

interface LookupResult {
  /** The plate looked up, or undefined for the owner's vehicles. */
  plate?: string;
  violations: Violation[];
}

/** Kept in the waterfall's values between offering and the answer. */
interface OfferValues {
  offer?: string[];
}

type Way = 'owner' | 'plate';
const WAYS: readonly Way[] = ['owner', 'plate'];

/**
 * Looks up violations by plate + last 6 of the VIN (no bound identity needed) or by the bound citizen's
 * licence; shows each with date, place, what, fine, points, status and whether it can be handled online (and
 * if not, why); offers to handle one that can, through FinePayDialog.
 */
export class FineQueryDialog extends ComponentDialog {
  private readonly limiter: PlateLookupLimiter;

  constructor(private readonly deps: DialogDeps) {
    super(FINE_QUERY_DIALOG);
    this.limiter = new PlateLookupLimiter(deps.rateLimits, deps.clock);
    this.addDialog(new BindingDialog(deps));
    this.addDialog(new FinePayDialog(deps));
    this.addDialog(finesChoicePrompt(WAY_PROMPT));
    this.addDialog(finesChoicePrompt(OFFER_PROMPT));
    this.addDialog(new TextPrompt(PLATE_PROMPT, async (p: PromptValidatorContext<string>) => this.plateOf(p.recognized.value) !== undefined));
    this.addDialog(new TextPrompt(VIN_TAIL_PROMPT, async (p: PromptValidatorContext<string>) =>
      this.tailOf(p.recognized.value) !== undefined || this.plateOf(p.recognized.value) !== undefined));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [
      this.chooseWay.bind(this), this.lookUp.bind(this), this.show.bind(this), this.offered.bind(this), this.finish.bind(this),
    ]));
    this.addDialog(new WaterfallDialog(OWNER_LOOKUP, [ensureBoundStep(deps), this.byOwner.bind(this)]));
    this.addDialog(new WaterfallDialog(PLATE_LOOKUP, [this.askPlate.bind(this), this.askVinTail.bind(this), this.byPlate.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  private plateOf(text: string | undefined): string | undefined {
    return readPlate(text, todayOf(this.deps.clock));
  }

  private tailOf(text: string | undefined): string | undefined {
    return readVinTail(text, todayOf(this.deps.clock));
  }

  private async chooseWay(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    if (entityValue(step.options, 'plate_number') || entityValue(step.options, 'vin')) return step.next('plate');
    return step.prompt(WAY_PROMPT, {
      prompt: msg(step.context, 'fine.query.askWay'),
      retryPrompt: msg(step.context, 'fine.query.wayRetry'),
      choices: [{ value: msg(step.context, 'fine.query.wayOwner') }, { value: msg(step.context, 'fine.query.wayPlate') }],
    });
  }

  private async lookUp(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const way = typeof step.result === 'string' ? step.result : WAYS[(step.result as FoundChoice).index];
    if (way === 'owner') return step.beginDialog(OWNER_LOOKUP);
    const plate = entityValue(step.options, 'plate_number');
    const vin = entityValue(step.options, 'vin');
    return step.beginDialog(PLATE_LOOKUP, { plate, vinTail: vin?.slice(-6) } satisfies PlateLookupState);
  }

  private async show(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const found = step.result as LookupResult | null | undefined;
    if (!found) return step.endDialog(null);
    const { plate, violations } = found;
    if (violations.length === 0) {
      await step.context.sendActivity(plate ? msg(step.context, 'fine.query.nonePlate', { plate }) : msg(step.context, 'fine.query.noneOwner'));
      return step.endDialog(found);
    }
    const locale = localeOf(step.context);
    const thisYear = todayOf(this.deps.clock).slice(0, 4);
    const open = violations.filter((v) => v.status === 'unprocessed').length;
    const header = plate
      ? msg(step.context, 'fine.query.headerPlate', { plate, total: violations.length, open })
      : msg(step.context, 'fine.query.headerOwner', { total: violations.length, open });
    const audience = plate ? 'anonymous' : 'owner';
    const lines = [header, ...violations.map((v, i) => violationItem(locale, v, i + 1, thisYear, audience))];
    if (violations.some((v) => v.onlineHandling && !v.onlineHandling.allowed)) lines.push(msg(step.context, 'fine.handle.needPerson'));
    await step.context.sendActivity(lines.join('\n'));
    const handleable = violations.filter((v) => v.onlineHandling?.allowed);
    if (handleable.length === 0) return step.endDialog(found);
    (step.values as OfferValues).offer = handleable.map((v) => v.violationId);
    return step.prompt(OFFER_PROMPT, {
      prompt: msg(step.context, 'fine.query.offer'),
      retryPrompt: msg(step.context, 'fine.query.offerRetry'),
      choices: [
        ...violationChoices(locale, handleable, thisYear),
        { value: msg(step.context, 'fine.handle.later'), synonyms: msg(step.context, 'fine.handle.laterSynonyms').split('|') },
      ],
    });
  }

  private async offered(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const ids = (step.values as OfferValues).offer ?? [];
    const violationId = ids[(step.result as FoundChoice).index];
    if (!violationId) {
      await step.context.sendActivity(msg(step.context, 'fine.query.done'));
      return step.endDialog(null);
    }
    return step.beginDialog(FINE_PAY_DIALOG, { path: 'handle', violationId } satisfies FinePayOptions);
  }

  private async finish(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    return step.endDialog(step.result ?? null);
  }

  private async byOwner(step: WaterfallStepContext<object>): Promise<DialogTurnResult> {
    const binding = boundResult(step);
    if (!binding) return step.endDialog(null);
    const listed = await runPlatform(step.context, () => this.deps.platform.violations.byOwner(binding.idNumber));
    return step.endDialog(listed.ok ? ({ violations: listed.value } satisfies LookupResult) : null);
  }

  private async askPlate(step: WaterfallStepContext<PlateLookupState>): Promise<DialogTurnResult> {
    if (step.options.plate) return step.next();
    return step.prompt(PLATE_PROMPT, { prompt: msg(step.context, 'fine.query.askPlate'), retryPrompt: msg(step.context, 'fine.query.badPlate') });
  }

  private async askVinTail(step: WaterfallStepContext<PlateLookupState>): Promise<DialogTurnResult> {
    const state = step.options;
    if (typeof step.result === 'string') {
      state.plate = this.plateOf(step.result);
      state.vinTail ??= this.tailOf(step.result);
    }
    if (state.vinTail) return step.next();
    const plate = state.plate ?? '';
    return step.prompt(VIN_TAIL_PROMPT, {
      prompt: msg(step.context, state.misses ? 'fine.query.askVinTailAgain' : 'fine.query.askVinTail', { plate }),
      retryPrompt: msg(step.context, 'fine.query.badVinTail'),
    });
  }

  private async byPlate(step: WaterfallStepContext<PlateLookupState>): Promise<DialogTurnResult> {
    const state = step.options;
    if (typeof step.result === 'string') {
      const newPlate = this.plateOf(step.result);
      const tail = this.tailOf(step.result);
      if (newPlate) state.plate = newPlate;
      if (!tail) return step.replaceDialog(PLATE_LOOKUP, { plate: state.plate, misses: state.misses } satisfies PlateLookupState);
      state.vinTail = tail;
    }
    const plate = state.plate ?? '';
    const attempt = await this.limiter.begin(channelUserId(step.context), plate);
    // Refused before the platform is asked: the answer is the same whether the plate exists or not.
    if (!attempt.allowed) return this.stopLookups(step, attempt.until);
    const listed = await runPlatform(step.context, () => this.deps.platform.violations.byPlate(plate, state.vinTail ?? ''));
    if (listed.ok || listed.error.code !== 'NOT_FOUND') await attempt.succeeded();
    if (listed.ok) return step.endDialog({ plate, violations: listed.value } satisfies LookupResult);
    if (listed.error.code !== 'NOT_FOUND') return step.endDialog(null);
    const stopped = attempt.failed();
    if (stopped) return this.stopLookups(step, stopped);
    const misses = (state.misses ?? 0) + 1;
    if (misses >= MAX_MISSES) {
      await step.context.sendActivity(msg(step.context, 'fine.query.giveUp'));
      return step.endDialog(null);
    }
    return step.replaceDialog(PLATE_LOOKUP, { plate, misses } satisfies PlateLookupState);
  }

  /** Too many failed lookups for this plate or this citizen: say until when, and who can help meanwhile. */
  private async stopLookups(step: WaterfallStepContext<PlateLookupState>, until: Date): Promise<DialogTurnResult> {
    await step.context.sendActivity(msg(step.context, 'fine.query.locked', { until: formatInstant(localeOf(step.context), until.toISOString()) }));
    hintHandoff(step.context, 'rule');
    return step.endDialog(null);
  }
}
