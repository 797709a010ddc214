import { closeSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkStore } from '../../tools/faults/checkStore';
import type { Confirmation } from '../../tools/faults/citizenClient';
import { formatReport, runKillUnderLoad, type KillOptions, type KillReport } from '../../tools/faults/killUnderLoad';
import type { FaultCitizen } from '../../tools/faults/seedCitizens';
import { captureFile, childLogLevel } from '../support/capture';

const CITIZENS = 12;

/** One run of the tool, its data kept for the checks below; the bot processes' logs go to the PII capture when there is one. */
async function run(o: Omit<KillOptions, 'botOutput' | 'botLogLevel' | 'keepData' | 'silenceMs'>): Promise<KillReport> {
  const file = captureFile('bot-process', 'log');
  const botOutput = file === undefined ? undefined : openSync(file, 'a');
  try {
    const r = await runKillUnderLoad({ ...o, silenceMs: 3000, keepData: true, botOutput, botLogLevel: childLogLevel('warn') });
    process.stdout.write(`${formatReport(r)}\n`);
    return r;
  } finally {
    if (botOutput !== undefined) closeSync(botOutput);
  }
}

describe('kill -9 under load (issue 8)', () => {
  let report: KillReport | undefined;
  let saved: KillReport | undefined;

  afterAll(() => {
    for (const r of [report, saved]) if (r) rmSync(r.dataDir, { recursive: true, force: true });
  });

  it('SIGKILL in the middle of bookings and payments loses and duplicates nothing', async () => {
    report = await run({ citizens: CITIZENS, bindInChat: 2, killAfterConfirmations: 9 });

    // The kill really happened mid-flow, and flows went on after it.
    expect(report.killed).toBe(true);
    expect(report.inFlightAtKill).toBeGreaterThan(0);
    expect(report.confirmationsAfterRestart).toBeGreaterThan(0);
    expect(report.stuck).toEqual([]);

    // Every citizen finished both services, and was shown the number of their one booking and one payment.
    const c = report.check;
    expect(c.confirmed).toEqual({ bookings: CITIZENS, payments: CITIZENS });
    expect(c.inStore).toEqual(c.confirmed);
    expect(c.stored).toEqual({ bookings: CITIZENS, payments: CITIZENS });
    expect(c.unacknowledged).toEqual([]);

    expect(c.lost).toEqual([]);
    expect(c.duplicated).toEqual([]);
    expect(c.violations).toEqual([]);
    expect(report.problems).toEqual([]);
  }, 60_000);

  it('SIGKILL after a booking\'s state was saved, before its reply left: WeChat\'s retry shows the saved confirmation', async () => {
    const few = 5;
    saved = await run({ citizens: few, bindInChat: 1, killAfterConfirmations: 2, aim: 'saved', aimGoal: 'exam' });
    // The kill landed where it hurts: the booking made, the dialog past its confirmation, the reply not sent.
    expect(saved.killMoment?.kind).toBe('state saved, reply not sent');
    expect(saved.killedAnswered.reply).toBeGreaterThan(0);
    expect(saved.stuck).toEqual([]);
    expect(saved.check.confirmed).toEqual({ bookings: few, payments: few });
    expect(saved.check.stored).toEqual({ bookings: few, payments: few });
    expect(saved.check.unacknowledged).toEqual([]);
    expect(saved.problems).toEqual([]);
  }, 60_000);

  it('the store check notices a confirmation that is not in the store, and a decision told paid twice', () => {
    if (!report) throw new Error('the run above did not produce a report');
    const file = join(report.dataDir, 'jiaoguan.sqlite');
    const payment = (id: string, who: FaultCitizen): Confirmation =>
      ({ kind: 'payment', id, openid: who.openid, idNumber: who.idNumber, decisionNumber: who.decisionNumber, at: 0 });
    const someone: FaultCitizen = {
      openid: 'o_kill9_000', idNumber: '', name: '', phone: '', vin: '', decisionNumber: '320100999999999', amountFen: 1, preBound: true,
    };
    const check = checkStore(file, [someone], [
      { kind: 'booking', id: 'EB99999999', openid: someone.openid, idNumber: someone.idNumber, decisionNumber: '', at: 0 },
      payment('PAY9999999998', someone),
      payment('PAY9999999999', someone),
    ]);
    expect(check.lost).toHaveLength(3);
    expect(check.duplicated).toEqual([expect.stringContaining('2 different payments')]);
  });
});
