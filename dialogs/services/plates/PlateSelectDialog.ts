import {
  ComponentDialog, WaterfallDialog, type Choice, type DialogTurnResult, type FoundChoice, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { PlateReservation } from '../../../integrations/platform/types';
import { extractEntities } from '../../../nlu-models/entities';
import type { DialogDeps } from '../../DialogDeps';
import { BindingDialog } from '../../identity/BindingDialog';
import { boundResult, ensureBoundStep } from '../../identity/ensureBound';
import { formatDate } from '../../i18n/format';
import { localeOf, msg } from '../../i18n/turnLocale';
import { ask, AskPrompt } from '../../prompts/AskPrompt';
import { isRedirect } from '../../prompts/PromptDefinition';
import { entityValue } from '../../shared/FlowOptions';
import { runPlatform } from '../../shared/runPlatform';
import { todayOf } from '../../shared/today';
import { callPlates } from './callPlates';
import { patternCheckDialog } from './patternChecks';
import { asWay, wayChoices } from './plateChoices';
import { vinTail, type PickOutcome, type PlateSelectState } from './PlateSelectState';
import { randomRoundDialog } from './randomRounds';
import { PATTERN_LOOP, RANDOM_LOOP } from './selectionLoops';
import { newIdempotencyKey } from '../../shared/idempotencyKey';
import { PlatformError } from '../../../integrations/platform/errors';
import type { OwnedVehicle } from '../../../integrations/platform/types';
import { PLATES_PROMPTS } from './prompts';
import { NOTICE_OFFER_DIALOG, NoticeOfferDialog, offersNotices, type NoticeOfferOptions } from '../notices/NoticeOfferDialog';

export const PLATE_SELECT_DIALOG = 'plateSelectDialog';
const MAIN_WATERFALL = 'plate.select.main';

type Step = WaterfallStepContext<PlateSelectState>;

/** Codes after which the chosen plate is dropped and the citizen chooses among the rest. */
const CHOOSE_AGAIN = new Set(['PLATE_TAKEN', 'PLATE_DENIED', 'PLATE_INVALID']);

/**
 * 自选号牌 (plate.select): bound identity → the vehicle: pre-filled from a vin entity, else the owner's one vehicle
 * without a plate, or picked among them (shown by masked VIN tail), or a VIN typed → 随机选号 or 自编号码
 * → confirm → reserve (idempotent) → the plate and until when it is held. Options: FlowOptions.
 * Ends with the PlateReservation, or null when nothing was reserved.
 */
export class PlateSelectDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(PLATE_SELECT_DIALOG);
    this.addDialog(new BindingDialog(deps));
    const vin = (_ctx: unknown, text: string): string | undefined => this.readVin(text);
    // A whole VIN typed instead of a vehicle picked is that vehicle.
    this.addDialog(new AskPrompt(PLATES_PROMPTS.vehicle, deps, { read: vin }));
    this.addDialog(new AskPrompt(PLATES_PROMPTS.vin, deps, { read: vin }));
    // Another VIN at 「请选择选号方式」 changes the vehicle.
    this.addDialog(new AskPrompt(PLATES_PROMPTS.way, deps, {
      slots: (ctx, text) => {
        const v = vin(ctx, text);
        return v ? { vin: v } : undefined;
      },
    }));
    this.addDialog(new AskPrompt(PLATES_PROMPTS.candidate, deps));
    // Anything with a digit is an attempt at numbers (what is wrong with it is said); other text is left to the main loop.
    this.addDialog(new AskPrompt(PLATES_PROMPTS.patterns, deps, { read: (_ctx, text) => (/[0-9０-９]/.test(text) ? text : undefined) }));
    this.addDialog(new AskPrompt(PLATES_PROMPTS.confirm, deps));
    this.addDialog(randomRoundDialog(deps));
    this.addDialog(patternCheckDialog(deps));
    this.addDialog(new NoticeOfferDialog(deps));
    this.addDialog(new WaterfallDialog<PlateSelectState>(MAIN_WATERFALL, [
      ensureBoundStep<PlateSelectState>(deps),
      this.askVin.bind(this),
      this.askWay.bind(this),
      this.pick.bind(this),
      this.confirm.bind(this),
      this.reserve.bind(this),
      this.afterOffer.bind(this),
    ]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  private readVin(text: string | undefined): string | undefined {
    return extractEntities(text ?? '', { today: todayOf(this.deps.clock) }).find((e) => e.entity === 'vin')?.value;
  }

  private async askVin(step: Step): Promise<DialogTurnResult> {
    const binding = boundResult(step);
    if (!binding) return step.endDialog(null);
    const s = step.options;
    s.idNumber = binding.idNumber;
    s.vin ??= entityValue(s, 'vin');
    if (s.vin) return step.next(s.vin);
    const mine = s.typeVin ? [] : await this.vehiclesWithoutPlate(s.idNumber);
    // 「给车架号尾号008821的车选个号」: the vehicle whose VIN ends so.
    const named = mine.find((v) => new RegExp(`(?<![A-Za-z0-9])(?:${v.vinLast6}|${v.vinLast6.slice(-4)})(?![A-Za-z0-9])`, 'i').test(step.context.activity.text ?? ''));
    if (named) {
      s.vin = named.vin;
      return step.next(s.vin);
    }
    const [only] = mine;
    if (mine.length === 1 && only) {
      s.vin = only.vin;
      return step.next(s.vin);
    }
    if (mine.length > 1) {
      s.vehicleVins = mine.map((v) => v.vin);
      return ask(step, PLATES_PROMPTS.vehicle, {
        prompt: msg(step.context, 'plate.askVehicle'),
        retryPrompt: msg(step.context, 'plate.vehicleRetry'),
        choices: [...mine.map((v) => this.vehicleChoice(step, v)), { value: msg(step.context, 'plate.vehicleOther'), synonyms: ['其他车辆', '别的车', 'another vehicle'] }],
      });
    }
    return ask(step, PLATES_PROMPTS.vin, { prompt: msg(step.context, 'plate.askVin'), retryPrompt: msg(step.context, 'plate.badVin') });
  }

  /** The owner's vehicles that have no registered plate yet (the ones a plate can be chosen for); none when the platform fails. */
  private async vehiclesWithoutPlate(idNumber: string | undefined): Promise<OwnedVehicle[]> {
    try {
      return (await this.deps.platform.plates.vehicles(idNumber ?? '')).filter((v) => v.plate === null);
    } catch (e) {
      if (e instanceof PlatformError) return [];
      throw e;
    }
  }

  /** A vehicle as a button: its kind and masked VIN tail (「新能源车 车架号后六位 ***321」), never the whole VIN. */
  private vehicleChoice(step: Step, v: OwnedVehicle): Choice {
    const last3 = v.vinLast6.slice(-3);
    const energy = msg(step.context, v.energy === 'fuel' ? 'plate.energy.fuel' : 'plate.energy.newEnergy');
    return { value: msg(step.context, 'plate.vehicleChoice', { energy, last3 }), synonyms: [last3, v.vinLast6, energy] };
  }

  private async askWay(step: Step): Promise<DialogTurnResult> {
    const s = step.options;
    const picked = step.result as FoundChoice | string | undefined;
    if (picked !== undefined && typeof picked === 'object') {
      const vin = picked.index < 0 ? this.readVin(picked.value) : s.vehicleVins?.[picked.index];
      s.vehicleVins = undefined;
      // 「其他车辆」: the VIN is typed.
      if (!vin) return step.replaceDialog(MAIN_WATERFALL, { ...s, typeVin: true });
      s.vin = vin;
    } else {
      s.vin = (typeof picked === 'string' ? this.readVin(picked) : undefined) ?? s.vin;
      s.vehicleVins = undefined;
    }
    if (!s.resumed) {
      const held = await this.heldPlate(step);
      if (held === undefined) return step.endDialog(null);
      if (held !== null) {
        await step.context.sendActivity(msg(step.context, held.expiresOn ? 'plate.alreadyReserved' : 'plate.alreadyRegistered', {
          vinTail: vinTail(s.vin), plate: held.plate, expiresOn: held.expiresOn ? formatDate(localeOf(step.context), held.expiresOn) : '',
        }));
        return step.endDialog(null);
      }
      await step.context.sendActivity(msg(step.context, 'plate.vehicle', { vinTail: vinTail(s.vin) }));
      s.resumed = true;
    }
    if (s.way) return step.next(s.way);
    return ask(step, PLATES_PROMPTS.way, {
      prompt: msg(step.context, 'plate.askWay'),
      retryPrompt: msg(step.context, 'plate.badWay'),
      choices: wayChoices(step.context),
    });
  }

  /** The plate already held for this vehicle (one selection per vehicle), null when none, undefined when the platform failed. */
  private async heldPlate(step: Step): Promise<PlateReservation | null | undefined> {
    const s = step.options;
    const held = await runPlatform(step.context, () => this.deps.platform.plates.reservedPlate({ idNumber: s.idNumber ?? '' }));
    if (!held.ok) return undefined;
    return held.value.find((r) => r.vinLast6 === vinTail(s.vin)) ?? null;
  }

  private async pick(step: Step): Promise<DialogTurnResult> {
    const s = step.options;
    const r = step.result;
    if (isRedirect(r)) {
      // Another VIN: that vehicle; back: which vehicle, again.
      const vin = r.redirect === 'correct' ? r.slots.vin : undefined;
      return step.replaceDialog(MAIN_WATERFALL, { ...this.withoutVehicle(s), vin, typeVin: false });
    }
    s.way = asWay(r) ?? 'random';
    if (s.plate) return step.next({ outcome: 'plate', plate: s.plate, state: s } satisfies PickOutcome);
    return step.beginDialog(s.way === 'random' ? RANDOM_LOOP : PATTERN_LOOP, { ...s });
  }

  private async confirm(step: Step): Promise<DialogTurnResult> {
    const picked = step.result as PickOutcome;
    const s = Object.assign(step.options, picked.state);
    if (picked.outcome !== 'plate') {
      if (picked.outcome === 'stop') return step.endDialog(null);
      // Back from the candidates or the numbers: the way is asked again (a round already drawn is kept).
      if (picked.outcome === 'back') return step.replaceDialog(MAIN_WATERFALL, { ...s, way: undefined });
      // A VIN that is not the citizen's vehicle is asked again; the way chosen is kept.
      if (picked.outcome === 'vehicleNotFound') return step.replaceDialog(MAIN_WATERFALL, this.withoutVehicle(s));
      return step.replaceDialog(MAIN_WATERFALL, { ...s, way: undefined, candidates: undefined });
    }
    s.plate = picked.plate;
    if (s.reserveKeyFor !== picked.plate) {
      // Made (and saved with the dialog state) before asking, so a retried or repeated confirmation reserves once.
      s.reserveKey = newIdempotencyKey('reserve');
      s.reserveKeyFor = picked.plate;
    }
    return ask(step, PLATES_PROMPTS.confirm, {
      prompt: msg(step.context, 'plate.confirm', { plate: picked.plate, vinTail: vinTail(s.vin) }),
      retryPrompt: msg(step.context, 'plate.confirmRetry', { plate: picked.plate }),
    });
  }

  private async reserve(step: Step): Promise<DialogTurnResult> {
    const s = step.options;
    const plate = s.plate ?? '';
    // Back: the candidates (or the numbers) again, without the plate offered.
    if (isRedirect(step.result)) return step.replaceDialog(MAIN_WATERFALL, { ...s, plate: undefined });
    if (step.result !== true) {
      await step.context.sendActivity(msg(step.context, 'plate.declined', { plate }));
      return step.replaceDialog(MAIN_WATERFALL, { ...s, plate: undefined });
    }
    const done = await callPlates(step.context, s.vin, () =>
      this.deps.platform.plates.reserve(s.idNumber ?? '', s.vin ?? '', plate, s.reserveKey ?? newIdempotencyKey('reserve')));
    if (done.ok) {
      const r = done.value;
      const expiresOn = r.expiresOn ? formatDate(localeOf(step.context), r.expiresOn) : undefined;
      await step.context.sendActivity(expiresOn
        ? msg(step.context, 'plate.reserved', { plate: r.plate, vinTail: r.vinLast6, expiresOn })
        : msg(step.context, 'plate.alreadyRegistered', { plate: r.plate, vinTail: r.vinLast6 }));
      // Held until a date: 「号牌保留到…，要在到期前三天提醒你吗？」 when notices reach the citizen and it was never answered.
      if (!expiresOn || s.sideTrip || !(await offersNotices(this.deps, step.context, 'plate'))) return step.endDialog(r);
      (step.values as { reserved?: PlateReservation }).reserved = r;
      return step.beginDialog(NOTICE_OFFER_DIALOG, { offer: 'plate', params: { date: expiresOn, plate: r.plate } } satisfies NoticeOfferOptions);
    }
    const code = done.error.code;
    if (code === 'VEHICLE_HAS_PLATE') return step.endDialog(null);
    if (code === 'NOT_FOUND') return step.replaceDialog(MAIN_WATERFALL, this.withoutVehicle(s));
    if (CHOOSE_AGAIN.has(code)) {
      const rest = s.candidates?.filter((c) => c !== plate);
      return step.replaceDialog(MAIN_WATERFALL, { ...s, plate: undefined, candidates: rest });
    }
    // PLATE_NOT_OFFERED: the round is no longer current, so a fresh one is needed.
    if (code === 'PLATE_NOT_OFFERED') return step.replaceDialog(MAIN_WATERFALL, { ...s, plate: undefined, candidates: undefined });
    // The platform could not be reached and the outcome is unknown: the same confirmation is asked again, and the
    // same idempotency key makes sure a second 是 reserves at most once.
    return step.replaceDialog(MAIN_WATERFALL, s);
  }

  /** After the plate offer: the flow ends with the reservation, as without it. */
  private async afterOffer(step: Step): Promise<DialogTurnResult> {
    return step.endDialog((step.values as { reserved?: PlateReservation }).reserved ?? null);
  }

  private withoutVehicle(s: PlateSelectState): PlateSelectState {
    return { ...s, vin: undefined, entities: undefined, candidates: undefined, pendingPatterns: undefined, plate: undefined, resumed: false };
  }
}
