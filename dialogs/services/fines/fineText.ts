import type { Choice } from 'botbuilder-dialogs';
import { PlatformError } from '../../../integrations/platform/errors';
import type { PenaltyDecision, Payment, RuleOutcome, Violation, ViolationKind } from '../../../integrations/platform/types';
import { maskPlate } from '../../../integrations/privacy/maskPlate';
import { translate } from '../../i18n/catalog';
import { formatDate, formatInstant, formatMoney } from '../../i18n/format';
import type { Locale } from '../../i18n/Locale';
import { describePlatformError } from '../../shared/describePlatformError';

/** What the violation was, in the citizen's words. */
export function kindText(locale: Locale, kind: ViolationKind): string {
  return translate(locale, `fine.kind.${kind}`);
}

/** What the citizen may call the violation (「停车」「违停」 for 违反规定停放), the catalogue's words first. */
export function kindWords(locale: Locale, kind: ViolationKind): string[] {
  return [kindText(locale, kind), ...translate(locale, `fine.kindWords.${kind}`).split('|').filter(Boolean)];
}

/** "记3分" / "不记分". */
export function pointsText(locale: Locale, points: number): string {
  return points === 0 ? translate(locale, 'fine.points.none') : translate(locale, 'fine.points.some', { points });
}

/** Why online handling is refused, worded like the platform error it stands for. */
export function refusalText(locale: Locale, outcome: RuleOutcome): string {
  return describePlatformError(locale, new PlatformError(outcome.code, 'online handling refused', outcome.details));
}

/**
 * Who is reading a lookup: the bound owner may see why in full (their points total); anyone who typed a plate and
 * VIN tail only the general reason — never the owner's points or licence.
 */
export type LookupAudience = 'owner' | 'anonymous';

/** Refusal reasons that speak only of the violation itself (its fine), not of its owner. */
const GENERAL_REASONS: ReadonlySet<unknown> = new Set(['fine']);

/** Where a handled violation's decision stands: paid, unpaid within the period, or overdue with its late fee. */
export function decisionStatusText(locale: Locale, d: PenaltyDecision, thisYear: string): string {
  const params = {
    decisionNumber: d.decisionNumber,
    amount: formatMoney(locale, d.amountDueFen),
    lateFee: formatMoney(locale, d.lateFeeFen),
    lateDays: d.lateDays,
    due: formatDate(locale, d.dueOn, thisYear),
  };
  if (d.status === 'paid') return translate(locale, 'fine.status.paid', params);
  return translate(locale, d.lateDays > 0 ? 'fine.status.overdue' : 'fine.status.unpaid', params);
}

function statusText(locale: Locale, v: Violation, audience: LookupAudience, decision?: PenaltyDecision, thisYear = ''): string {
  if (v.status === 'handled') {
    if (decision) return decisionStatusText(locale, decision, thisYear);
    return translate(locale, 'fine.status.handled', { decisionNumber: v.decisionNumber ?? '' });
  }
  const online = v.onlineHandling;
  if (online?.allowed) return translate(locale, 'fine.status.online');
  if (audience === 'anonymous' && !GENERAL_REASONS.has(online?.reason?.details.reason)) {
    return translate(locale, 'fine.status.notOnlineAnonymous');
  }
  const reason = online?.reason ? refusalText(locale, online.reason) : translate(locale, 'error.NOT_SIMPLE_PROCEDURE');
  return translate(locale, 'fine.status.notOnline', { reason });
}

/**
 * One violation of a lookup: date, plate, place, what, fine, points, status and whether it can be handled online
 * (why not in full for the owner, in general terms for an anonymous plate lookup).
 */
export function violationItem(
  locale: Locale, v: Violation, n: number, thisYear: string, audience: LookupAudience, decision?: PenaltyDecision,
): string {
  return translate(locale, 'fine.query.item', {
    n,
    date: formatDate(locale, v.occurredOn, thisYear),
    plate: v.plate,
    place: v.location,
    what: kindText(locale, v.kind),
    fine: formatMoney(locale, v.fineFen),
    points: pointsText(locale, v.points),
    status: statusText(locale, v, audience, decision, thisYear),
  });
}

/** A short button label for a violation. */
export function violationLabel(locale: Locale, v: Violation, thisYear: string): string {
  return translate(locale, 'fine.choice.violation', {
    date: formatDate(locale, v.occurredOn, thisYear),
    what: kindText(locale, v.kind),
    fine: formatMoney(locale, v.fineFen),
    points: pointsText(locale, v.points),
  });
}

/**
 * Buttons for violations: the short label (made unique with the place when two read the same), and what the
 * citizen may type instead — the kind of violation ("闯红灯") when no other violation in the list has that kind.
 */
export function violationChoices(locale: Locale, violations: readonly Violation[], thisYear: string): Choice[] {
  const labels = violations.map((v) => violationLabel(locale, v, thisYear));
  return violations.map((v, i) => {
    const label = labels[i] ?? '';
    const value = labels.indexOf(label) === i && labels.lastIndexOf(label) === i ? label : `${label} ${v.location}`;
    const uniqueKind = violations.filter((x) => x.kind === v.kind).length === 1;
    return { value, synonyms: uniqueKind ? kindWords(locale, v.kind) : [] };
  });
}

/** A short button label for an unpaid decision. */
export function decisionLabel(locale: Locale, d: PenaltyDecision): string {
  const params = { decisionNumber: d.decisionNumber, amount: formatMoney(locale, d.amountDueFen), lateDays: d.lateDays };
  return translate(locale, d.lateDays > 0 ? 'fine.choice.decisionOverdue' : 'fine.choice.decision', params);
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date for a button: 11月1日 / 1 Nov (the year only when it is not this year). */
export function shortDate(locale: Locale, date: string, thisYear: string): string {
  const [y = '', m = 1, d = 1] = date.split('-').map((x, i) => (i === 0 ? x : Number(x))) as [string, number, number];
  const year = y !== thisYear;
  return locale === 'zh-CN' ? `${year ? `${y}年` : ''}${m}月${d}日` : `${d} ${EN_MONTHS[m - 1] ?? ''}${year ? ` ${y}` : ''}`;
}

/** What the citizen can do with a record of a lookup (its button says so). */
export type RecordAction = 'handle' | 'pay' | 'paid' | 'counter';

/** The button of record n of a lookup: its list number, date and what, and what can be done with it. */
export function recordLabel(locale: Locale, n: number, v: Violation, action: RecordAction, thisYear: string, d?: PenaltyDecision): string {
  return translate(locale, `fine.record.${action}`, {
    n,
    date: shortDate(locale, v.occurredOn, thisYear),
    what: kindText(locale, v.kind),
    amount: d ? formatMoney(locale, d.amountDueFen) : '',
  });
}

/** The summary shown before paying: fine, issued and due dates, late days and late fee, total — to the fen. */
export function decisionSummary(locale: Locale, d: PenaltyDecision, thisYear: string): string {
  const lines = [translate(locale, 'fine.pay.summary', {
    decisionNumber: d.decisionNumber,
    plate: maskPlate(d.plate),
    fine: formatMoney(locale, d.fineFen),
    issued: formatDate(locale, d.issuedOn, thisYear),
    due: formatDate(locale, d.dueOn, thisYear),
  })];
  if (d.lateDays === 0) lines.push(translate(locale, 'fine.pay.noLateFee'));
  else {
    const key = d.lateFeeFen >= d.fineFen ? 'fine.pay.lateFeeCapped' : 'fine.pay.lateFee';
    lines.push(translate(locale, key, { lateDays: d.lateDays, lateFee: formatMoney(locale, d.lateFeeFen) }));
  }
  lines.push(translate(locale, 'fine.pay.total', { total: formatMoney(locale, d.amountDueFen) }));
  return lines.join('\n');
}

/** Parameters of the receipt-like messages about a payment. */
export function paymentParams(locale: Locale, p: Payment): Record<string, string> {
  return {
    decisionNumber: p.decisionNumber,
    amount: formatMoney(locale, p.amountFen),
    fine: formatMoney(locale, p.fineFen),
    lateFee: formatMoney(locale, p.lateFeeFen),
    paidAt: formatInstant(locale, p.paidAt),
    paymentId: p.paymentId,
  };
}
