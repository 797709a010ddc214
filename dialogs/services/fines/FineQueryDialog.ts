import {
  ComponentDialog, WaterfallDialog, type Choice, type DialogTurnResult, type FoundChoice, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { PlatformError } from '../../../integrations/platform/errors';
import type { Binding, OwnedVehicle, Violation } from '../../../integrations/platform/types';
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
import { isOtherProvince, meansOwnVehicles, readPlate, readVinTail, readVinTailBesidePlate } from './fineInput';
import { kindWords, recordLabel, refusalText, violationItem, type LookupAudience, type RecordAction } from './fineText';
import { ask, AskPrompt } from '../../prompts/AskPrompt';
import { isRedirect, type AskOptions } from '../../prompts/PromptDefinition';
import { decisionsOf } from './decisions';
import { PlateLookupLimiter } from './PlateLookupLimiter';
import { FINES_PROMPTS } from './prompts';
import { NOTICE_OFFER_DIALOG, NoticeOfferDialog, offersNotices, type NoticeOfferOptions } from '../notices/NoticeOfferDialog';

export const FINE_QUERY_DIALOG = 'fineQueryDialog';
const MAIN_WATERFALL = 'fineQuery.main';
const OWNER_LOOKUP = 'fineQuery.byOwner';
const PLATE_LOOKUP = 'fineQuery.byPlate';
const OFFER_LOOP = 'fineQuery.offerLoop';
/** Plate + VIN tail mismatches tolerated before the flow points to a person. */
const MAX_MISSES = 3;

/** What a plate lookup has collected (dialog state). */
export interface PlateLookupState {
  plate?: string;
  vinTail?: string;
  misses?: number;
}

/** An owner lookup: all the bound citizen's vehicles, or one of them. */
interface OwnerLookupState {
  plate?: string;
}

interface LookupResult {
  /** The plate looked up, or undefined for all the owner's vehicles. */
  plate?: string;
  audience: LookupAudience;
  violations: Violation[];
}

/** How to look up: the bound owner's vehicles (all, or one plate), or a plate + VIN tail. */
type Way = { kind: 'owner'; plate?: string } | { kind: 'plate'; plate?: string; vinTail?: string };

/** One record of the list shown, numbered as in the list, and what choosing it does. */
interface OfferRecord {
  n: number;
  label: string;
  action: RecordAction;
  violationId: string;
  decisionNumber?: string;
  /** Said when a record that cannot be dealt with here is chosen. */
  note?: string;
  synonyms?: string[];
}

interface OfferState {
  records: OfferRecord[];
  /** The bound owner's own violations were listed (offered new-violation notices when the citizen leaves the list). */
  owner?: boolean;
}

/** Kept in the waterfall's values between a question and its answer. */
interface WayValues {
  ways?: Way[];
}

/**
 * Looks up violations by plate + last 6 of the VIN (no bound identity needed), or — for a bound owner — among
 * their own vehicles (picked by plate, never a VIN typed); takes plate, VIN tail and 「我自己的车」 from the first
 * message. Shows each record with date, place, what, fine, points and its state (未处理 and whether it can be
 * handled online, 未缴款 with the due date, 已逾期 with the late fee, 已缴款); the buttons are the list's records
 * with the same numbers, so 「3」/「第3条」 is item 3; one that can be handled or paid goes into FinePayDialog.
 */
export class FineQueryDialog extends ComponentDialog {
  private readonly limiter: PlateLookupLimiter;

  constructor(private readonly deps: DialogDeps) {
    super(FINE_QUERY_DIALOG);
    this.limiter = new PlateLookupLimiter(deps.rateLimits, deps.clock);
    this.addDialog(new BindingDialog(deps));
    this.addDialog(new FinePayDialog(deps));
    this.addDialog(new NoticeOfferDialog(deps));
    const plateIn = (_ctx: TurnContext, text: string): string | undefined => this.plateOf(text);
    this.addDialog(new AskPrompt(FINES_PROMPTS.queryWay, deps));
    // A plate typed at 「要查哪辆车」 is looked up as if it had been said first.
    this.addDialog(new AskPrompt(FINES_PROMPTS.queryVehicle, deps, { read: plateIn }));
    this.addDialog(new AskPrompt(FINES_PROMPTS.queryOffer, deps, { read: (_ctx, text, options) => payReference(text, options) }));
    this.addDialog(new AskPrompt(FINES_PROMPTS.queryPlate, deps, { read: plateIn }));
    // The tail is the answer; a plate alone corrects the plate (「号牌填错了，是苏A54321」).
    this.addDialog(new AskPrompt(FINES_PROMPTS.queryVinTail, deps, {
      read: (_ctx, text) => this.tailOf(text),
      slots: (_ctx, text) => {
        const plate = this.plateOf(text);
        return plate ? { plate } : undefined;
      },
    }));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [
      this.chooseWay.bind(this), this.lookUp.bind(this), this.show.bind(this), this.finishLookup.bind(this),
    ]));
    this.addDialog(new WaterfallDialog(OWNER_LOOKUP, [ensureBoundStep(deps), this.byOwner.bind(this)]));
    this.addDialog(new WaterfallDialog(PLATE_LOOKUP, [this.askPlate.bind(this), this.askVinTail.bind(this), this.byPlate.bind(this)]));
    this.addDialog(new WaterfallDialog(OFFER_LOOP, [this.offer.bind(this), this.offered.bind(this), this.finish.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  private plateOf(text: string | undefined): string | undefined {
    return readPlate(text, todayOf(this.deps.clock));
  }

  private tailOf(text: string | undefined): string | undefined {
    return readVinTail(text, todayOf(this.deps.clock));
  }

  /** The citizen's binding if there is one (asked quietly: an unreachable platform only means no shortcut). */
  private async quietBinding(ctx: TurnContext): Promise<Binding | null> {
    try {
      return await this.deps.platform.identity.getBinding(channelUserId(ctx));
    } catch (e) {
      if (e instanceof PlatformError) return null;
      throw e;
    }
  }

  /** The bound owner's vehicles that carry a plate (only those can have violations). */
  private async platedVehicles(binding: Binding | null): Promise<OwnedVehicle[]> {
    if (!binding) return [];
    try {
      return (await this.deps.platform.plates.vehicles(binding.idNumber)).filter((v) => v.plate !== null);
    } catch (e) {
      if (e instanceof PlatformError) return [];
      throw e;
    }
  }

  /** 本平台只能查询江苏号牌: said for 京A12345 instead of a mismatch. */
  private async otherProvince(step: WaterfallStepContext<object>, plate: string): Promise<DialogTurnResult> {
    await step.context.sendActivity(msg(step.context, 'fine.query.otherProvince', { plate }));
    return step.endDialog(null);
  }

  private async chooseWay(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const text = step.context.activity.text ?? '';
    const today = todayOf(this.deps.clock);
    const plate = entityValue(step.options, 'plate_number');
    if (plate && isOtherProvince(plate)) return this.otherProvince(step, plate);
    const binding = await this.quietBinding(step.context);
    if (plate) {
      // The bound owner's own plate needs no VIN tail.
      if ((await this.platedVehicles(binding)).some((v) => v.plate === plate)) return step.next({ kind: 'owner', plate } satisfies Way);
      const vinTail = entityValue(step.options, 'vin')?.slice(-6) ?? readVinTailBesidePlate(text, today);
      return step.next({ kind: 'plate', plate, vinTail } satisfies Way);
    }
    if (entityValue(step.options, 'vin')) return step.next({ kind: 'plate', vinTail: entityValue(step.options, 'vin')?.slice(-6) } satisfies Way);
    if (meansOwnVehicles(text)) return step.next({ kind: 'owner' } satisfies Way);
    const vehicles = await this.platedVehicles(binding);
    if (vehicles.length > 0) {
      const ways: Way[] = [
        ...vehicles.map((v): Way => ({ kind: 'owner', plate: v.plate ?? undefined })),
        ...(vehicles.length > 1 ? [{ kind: 'owner' } satisfies Way] : []),
        { kind: 'plate' },
      ];
      (step.values as WayValues).ways = ways;
      return ask(step, FINES_PROMPTS.queryVehicle, {
        prompt: msg(step.context, 'fine.query.askVehicle'),
        retryPrompt: msg(step.context, 'fine.query.vehicleRetry'),
        choices: [
          ...vehicles.map((v) => ({ value: v.plate ?? v.vinLast6 })),
          ...(vehicles.length > 1 ? [{ value: msg(step.context, 'fine.query.vehicleAll') }] : []),
          { value: msg(step.context, 'fine.query.vehicleOther') },
        ],
      });
    }
    (step.values as WayValues).ways = [{ kind: 'owner' }, { kind: 'plate' }];
    return ask(step, FINES_PROMPTS.queryWay, {
      prompt: msg(step.context, 'fine.query.askWay'),
      retryPrompt: msg(step.context, 'fine.query.wayRetry'),
      choices: [{ value: msg(step.context, 'fine.query.wayOwner') }, { value: msg(step.context, 'fine.query.wayPlate') }],
    });
  }

  private async lookUp(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const result = step.result as Way | FoundChoice;
    if (isRedirect(result)) return step.replaceDialog(MAIN_WATERFALL, {});
    if (!('kind' in result) && result.index < 0) {
      // A plate typed instead of a vehicle picked.
      const plate = result.value;
      if (isOtherProvince(plate)) return this.otherProvince(step, plate);
      const own = (await this.platedVehicles(await this.quietBinding(step.context))).some((v) => v.plate === plate);
      return own ? step.beginDialog(OWNER_LOOKUP, { plate } satisfies OwnerLookupState) : step.beginDialog(PLATE_LOOKUP, { plate } satisfies PlateLookupState);
    }
    const way = 'kind' in result ? result : (step.values as WayValues).ways?.[result.index] ?? { kind: 'plate' };
    if (way.kind === 'owner') return step.beginDialog(OWNER_LOOKUP, { plate: way.plate } satisfies OwnerLookupState);
    return step.beginDialog(PLATE_LOOKUP, { plate: way.plate, vinTail: way.vinTail } satisfies PlateLookupState);
  }

  private async show(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const found = step.result as LookupResult | { back: true } | null | undefined;
    // 「返回上一步」 at the plate: how to look up, again.
    if (found && 'back' in found) return step.replaceDialog(MAIN_WATERFALL, {});
    if (!found) return step.endDialog(null);
    const { plate, violations, audience } = found;
    if (violations.length === 0) {
      await step.context.sendActivity(plate ? msg(step.context, 'fine.query.nonePlate', { plate }) : msg(step.context, 'fine.query.noneOwner'));
      return this.listed(step, found);
    }
    const locale = localeOf(step.context);
    const thisYear = todayOf(this.deps.clock).slice(0, 4);
    const decisions = await decisionsOf(this.deps.platform, violations);
    const open = violations.filter((v) => v.status === 'unprocessed').length;
    const header = plate
      ? msg(step.context, 'fine.query.headerPlate', { plate, total: violations.length, open })
      : msg(step.context, 'fine.query.headerOwner', { total: violations.length, open });
    const decisionOf = (v: Violation) => (v.decisionNumber ? decisions.get(v.decisionNumber) : undefined);
    const lines = [header, ...violations.map((v, i) => violationItem(locale, v, i + 1, thisYear, audience, decisionOf(v)))];
    if (violations.some((v) => v.onlineHandling && !v.onlineHandling.allowed)) lines.push(msg(step.context, 'fine.handle.needPerson'));
    await step.context.sendActivity(lines.join('\n'));
    const records = violations.map((v, i): OfferRecord => {
      const d = decisionOf(v);
      const action: RecordAction = v.status === 'unprocessed'
        ? (v.onlineHandling?.allowed ? 'handle' : 'counter')
        : (d?.status === 'paid' ? 'paid' : 'pay');
      const record: OfferRecord = {
        n: i + 1, label: recordLabel(locale, i + 1, v, action, thisYear, d), action, violationId: v.violationId,
        decisionNumber: v.decisionNumber ?? undefined,
      };
      const unique = violations.filter((x) => x.kind === v.kind).length === 1;
      if (unique) record.synonyms = kindWords(locale, v.kind);
      if (action === 'counter') {
        const reason = v.onlineHandling?.reason;
        record.note = audience === 'owner' && reason ? refusalText(locale, reason) : undefined;
      }
      return record;
    });

    if (!records.some((r) => r.action === 'handle' || r.action === 'pay')) return this.listed(step, found);
    return step.beginDialog(OFFER_LOOP, { records, owner: audience === 'owner' && !step.options.sideTrip } satisfies OfferState);
  }

  /**
   * The list told and nothing more to do: a bound owner who looked up their own violations is asked 「以后有新的违法记录
   * 时通知你吗？」 when notices reach them and it was never answered (not in a side trip: the flow waiting comes back at
   * once); the flow ends with the lookup either way.
   */
  private async listed(step: WaterfallStepContext<FlowOptions>, found: LookupResult): Promise<DialogTurnResult> {
    if (found.audience !== 'owner' || step.options.sideTrip || !(await offersNotices(this.deps, step.context, 'violations'))) return step.endDialog(found);
    (step.values as { found?: LookupResult }).found = found;
    return step.beginDialog(NOTICE_OFFER_DIALOG, { offer: 'violations' } satisfies NoticeOfferOptions);
  }

  private async finishLookup(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    return step.endDialog((step.values as { found?: LookupResult }).found ?? step.result ?? null);
  }

  private async offer(step: WaterfallStepContext<OfferState>): Promise<DialogTurnResult> {
    const payable = step.options.records.flatMap((r, i) => (r.action === 'pay' ? [i] : []));
    const choices: Choice[] = [
      ...step.options.records.map((r) => ({ value: r.label, synonyms: r.synonyms ?? [] })),
      { value: msg(step.context, 'fine.handle.later'), synonyms: msg(step.context, 'fine.handle.laterSynonyms').split('|') },
    ];
    return ask(step, FINES_PROMPTS.queryOffer, {
      prompt: msg(step.context, 'fine.query.offerAll'),
      retryPrompt: msg(step.context, 'fine.query.offerAllRetry'),
      choices,
      validations: { payIndex: payable.length === 1 ? payable[0] : undefined, payWords: msg(step.context, 'fine.record.payWords') } satisfies PayReference,
    });
  }

  private async offered(step: WaterfallStepContext<OfferState>): Promise<DialogTurnResult> {
    const { records } = step.options;
    const record = isRedirect(step.result) ? undefined : records[(step.result as FoundChoice).index];
    if (!record) {
      await step.context.sendActivity(msg(step.context, 'fine.query.done'));
      if (!step.options.owner || !(await offersNotices(this.deps, step.context, 'violations'))) return step.endDialog(null);
      return step.beginDialog(NOTICE_OFFER_DIALOG, { offer: 'violations' } satisfies NoticeOfferOptions);
    }
    if (record.action === 'paid') {
      await step.context.sendActivity(msg(step.context, 'fine.query.alreadyPaid', { n: record.n, decisionNumber: record.decisionNumber ?? '' }));
      return step.replaceDialog(OFFER_LOOP, step.options);
    }
    if (record.action === 'counter') {
      const lines = [msg(step.context, 'fine.query.notOnline', { n: record.n })];
      if (record.note) lines.push(record.note);
      lines.push(msg(step.context, 'fine.handle.needPerson'));
      await step.context.sendActivity(lines.join('\n'));
      return step.replaceDialog(OFFER_LOOP, step.options);
    }
    if (record.action === 'pay') {
      return step.beginDialog(FINE_PAY_DIALOG, { path: 'pay', decisionNumber: record.decisionNumber } satisfies FinePayOptions);
    }
    return step.beginDialog(FINE_PAY_DIALOG, { path: 'handle', violationId: record.violationId } satisfies FinePayOptions);
  }

  private async finish(step: WaterfallStepContext<object>): Promise<DialogTurnResult> {
    return step.endDialog(step.result ?? null);
  }

  private async byOwner(step: WaterfallStepContext<OwnerLookupState>): Promise<DialogTurnResult> {
    const binding = boundResult(step);
    if (!binding) return step.endDialog(null);
    const listed = await runPlatform(step.context, () => this.deps.platform.violations.byOwner(binding.idNumber));
    if (!listed.ok) return step.endDialog(null);
    const plate = step.options.plate;
    const violations = plate ? listed.value.filter((v) => v.plate === plate) : listed.value;
    return step.endDialog({ plate, audience: 'owner', violations } satisfies LookupResult);
  }

  private async askPlate(step: WaterfallStepContext<PlateLookupState>): Promise<DialogTurnResult> {
    if (step.options.plate) return step.next();
    return ask(step, FINES_PROMPTS.queryPlate, { prompt: msg(step.context, 'fine.query.askPlate'), retryPrompt: msg(step.context, 'fine.query.badPlate') });
  }

  private async askVinTail(step: WaterfallStepContext<PlateLookupState>): Promise<DialogTurnResult> {
    const state = step.options;
    if (isRedirect(step.result)) return step.endDialog({ back: true });
    if (typeof step.result === 'string') {
      const text = step.context.activity.text ?? '';
      state.plate = step.result;
      state.vinTail ??= readVinTailBesidePlate(text, todayOf(this.deps.clock));
    }
    if (state.plate && isOtherProvince(state.plate)) return this.otherProvince(step, state.plate);
    if (state.vinTail) return step.next();
    const plate = state.plate ?? '';
    return ask(step, FINES_PROMPTS.queryVinTail, {
      prompt: msg(step.context, state.misses ? 'fine.query.askVinTailAgain' : 'fine.query.askVinTail', { plate }),
      retryPrompt: msg(step.context, 'fine.query.badVinTail'),
    });
  }

  private async byPlate(step: WaterfallStepContext<PlateLookupState>): Promise<DialogTurnResult> {
    const state = step.options;
    const r = step.result as string | undefined | ReturnType<typeof Object>;
    if (isRedirect(r)) {
      // Back: the plate is asked again; a plate alone: that plate, and its tail is asked.
      const plate = r.redirect === 'correct' ? r.slots.plate : undefined;
      if (plate && isOtherProvince(plate)) return this.otherProvince(step, plate);
      return step.replaceDialog(PLATE_LOOKUP, { plate, misses: state.misses } satisfies PlateLookupState);
    }
    if (typeof r === 'string') {
      // 「苏A12345 123456」: the plate said with the tail counts too.
      const newPlate = this.plateOf(step.context.activity.text ?? '');
      if (newPlate && isOtherProvince(newPlate)) return this.otherProvince(step, newPlate);
      if (newPlate) state.plate = newPlate;
      state.vinTail = r;
    }
    const plate = state.plate ?? '';
    const attempt = await this.limiter.begin(channelUserId(step.context), plate);
    // Refused before the platform is asked: the answer is the same whether the plate exists or not.
    if (!attempt.allowed) return this.stopLookups(step, attempt.until);
    const listed = await runPlatform(step.context, () => this.deps.platform.violations.byPlate(plate, state.vinTail ?? ''));
    if (listed.ok || listed.error.code !== 'NOT_FOUND') await attempt.succeeded();
    if (listed.ok) return step.endDialog({ plate, audience: 'anonymous', violations: listed.value } satisfies LookupResult);
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

/** What the offer passes to its reader: the one record that can be paid, and the words that mean paying. */
interface PayReference {
  payIndex?: number;
  payWords: string;
}

/**
 * 「交掉那笔逾期的罚款」/「缴款」/"pay the overdue one" at the offer: the one record that can be paid (a number or ordinal
 * is left to the prompt layer: it names a record of the list).
 */
function payReference(text: string, options: AskOptions): FoundChoice | undefined {
  const v = options.validations as PayReference | undefined;
  if (v?.payIndex === undefined || /\d|第|first|second|third|fourth|fifth|sixth/i.test(text)) return undefined;
  if (!new RegExp(v.payWords, 'i').test(text)) return undefined;
  const choice = options.choices?.[v.payIndex];
  const value = typeof choice === 'string' ? choice : choice?.value ?? '';
  return { value, index: v.payIndex, score: 1 };
}
