import { closeSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkStore } from '../../bot/faults/checkStore';
import type { Confirmation } from '../../bot/faults/citizenClient';
import { formatReport, runKillUnderLoad, type KillReport } from '../../bot/faults/killUnderLoad';
import type { FaultCitizen } from '../../bot/faults/seedCitizens';
import { captureFile, childLogLevel } from '../support/capture';

const CITIZENS = 12;

describe('kill -9 under load (issue 8)', () => {
  let report: KillReport | undefined;

  afterAll(() => {
    if (report) rmSync(report.dataDir, { recursive: true, force: true });
  });

  it('SIGKILL in the middle of bookings and payments loses and duplicates nothing', async () => {
    // While the suite captures output for the PII scan, the bot processes' logs go there too.
    const file = captureFile('bot-process', 'log');
    const botOutput = file === undefined ? undefined : openSync(file, 'a');
    try {
      report = await runKillUnderLoad({
        citizens: CITIZENS, bindInChat: 2, killAfterConfirmations: 9, silenceMs: 3000, keepData: true,
        botOutput, botLogLevel: childLogLevel('warn'),
      });
    } finally {
      if (botOutput !== undefined) closeSync(botOutput);
    }
    process.stdout.write(`${formatReport(report)}\n`);

    // The kill really happened mid-flow, and flows went on after it.
    expect(report.killed).toBe(true);
    expect(report.inFlightAtKill).toBeGreaterThan(0);
    expect(report.confirmationsAfterRestart).toBeGreaterThan(0);
    expect(report.stuck).toEqual([]);

    // Every citizen finished both services: one booking each (shown, or after a lost reply only "already booked") and
    // one payment each (a lost receipt is shown again as "already paid").
    const c = report.check;
    expect(c.confirmed.bookings).toBeGreaterThan(0);
    expect(c.confirmed.payments).toBe(CITIZENS);
    expect(c.inStore).toEqual(c.confirmed);
    expect(c.stored).toEqual({ bookings: CITIZENS, payments: CITIZENS });
    expect(c.confirmed.bookings + c.unacknowledged.filter((u) => u.includes('booking')).length).toBe(CITIZENS);

    expect(c.lost).toEqual([]);
    expect(c.duplicated).toEqual([]);
    expect(c.violations).toEqual([]);
    expect(report.problems).toEqual([]);
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
