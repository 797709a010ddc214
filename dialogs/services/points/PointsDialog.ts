import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { hintHandoff } from '../../handoff/handoffHint';
import { PlatformError } from '../../../integrations/platform/errors';
import type { PointsStatement, Violation } from '../../../integrations/platform/types';
import type { DialogDeps } from '../../DialogDeps';
import { BindingDialog } from '../../identity/BindingDialog';
import { boundResult, ensureBoundStep } from '../../identity/ensureBound';
import { formatDate } from '../../i18n/format';
import { localeOf, msg } from '../../i18n/turnLocale';
import type { FlowOptions } from '../../shared/FlowOptions';
import { runPlatform, type PlatformOutcome } from '../../shared/runPlatform';
import { todayOf } from '../../shared/today';

export const POINTS_DIALOG = 'pointsDialog';
const MAIN_WATERFALL = 'points.main';

/** Unprocessed violations of the cycle that carry points: they count once handled. */
function pending(violations: readonly Violation[], s: PointsStatement): { count: number; points: number } {
  const open = violations.filter((v) => v.status === 'unprocessed' && v.points > 0 && v.occurredOn >= s.cycleStart && v.occurredOn <= s.cycleEnd);
  return { count: open.length, points: open.reduce((sum, v) => sum + v.points, 0) };
}

/**
 * The bound citizen's licence points (记分) in the current 12-month cycle, and what they mean: how many are
 * left before 12, and that 12 points suspend the licence pending study and a test.
 */
export class PointsDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(POINTS_DIALOG);
    this.addDialog(new BindingDialog(deps));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [ensureBoundStep<FlowOptions>(deps), this.showPoints.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  /**
   * The points statement; a citizen without a licence is told plainly that there are no points to show (a learner:
   * once they hold a licence), not that their licence "was not found".
   */
  private async statement(step: WaterfallStepContext<FlowOptions>, idNumber: string): Promise<PlatformOutcome<PointsStatement>> {
    try {
      return { ok: true, value: await this.deps.platform.violations.points(idNumber) };
    } catch (e) {
      if (!(e instanceof PlatformError) || e.code !== 'NO_LICENCE') return runPlatform(step.context, () => Promise.reject(e));
      await step.context.sendActivity(msg(step.context, e.details.learner === true ? 'points.learner' : 'points.noLicence'));
      return { ok: false, error: e };
    }
  }

  private async showPoints(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const binding = boundResult(step);
    if (!binding) return step.endDialog(null);
    const statement = await this.statement(step, binding.idNumber);
    if (!statement.ok) return step.endDialog(null);
    const s = statement.value;
    const locale = localeOf(step.context);
    const thisYear = todayOf(this.deps.clock).slice(0, 4);
    const max = s.maxPoints;
    const lines = [msg(step.context, 'points.summary', {
      points: s.points, max, start: formatDate(locale, s.cycleStart, thisYear), end: formatDate(locale, s.cycleEnd, thisYear),
    })];
    if (s.points >= max) {
      lines.push(msg(step.context, 'points.full', { max }));
      hintHandoff(step.context, 'rule');
    } else {
      lines.push(s.points === 0 ? msg(step.context, 'points.clean', { max }) : msg(step.context, 'points.left', { left: max - s.points, max }));
      lines.push(msg(step.context, 'points.meaning', { max }));
    }
    // Points of violations not yet handled are not in the statement; say so, they will count.
    const listed = await this.deps.platform.violations.byOwner(binding.idNumber).catch((e: unknown) => {
      if (e instanceof PlatformError) return [] as Violation[];
      throw e;
    });
    const waiting = pending(listed, s);
    if (waiting.count > 0) lines.push(msg(step.context, 'points.pending', waiting));
    if (s.points < max) lines.push(msg(step.context, 'points.clearing', { max, end: formatDate(locale, s.cycleEnd, thisYear) }));
    await step.context.sendActivity(lines.join('\n'));
    return step.endDialog(s);
  }
}
