import { join } from 'node:path';
import { fixedDateClock } from '../../integrations/clock';
import { SandboxAdmin } from '../../integrations/platform/sandbox/SandboxAdmin';
import { SandboxPlatform } from '../../integrations/platform/sandbox/SandboxPlatform';
import { openSqlite } from '../../integrations/storage/sqlite/openSqlite';
import { WECHAT_CHANNEL_ID } from '../../bot/channels/wechat/toActivity';

/** One generated citizen of the fault run: a C1 learner (科目一 passed) who also owns a car with an unpaid decision. */
export interface FaultCitizen {
  openid: string;
  idNumber: string;
  name: string;
  phone: string;
  vin: string;
  decisionNumber: string;
  /** What paying the decision costs on the sandbox's date (no late fee: issued that day). */
  amountFen: number;
  /** Bound to the OpenID before the run; otherwise the citizen binds in the chat (ID number, name, SMS code). */
  preBound: boolean;
}

const SURNAMES = ['赵', '钱', '孙', '周', '吴', '郑', '冯', '陈', '韩', '杨', '朱', '何', '吕', '沈', '许', '秦'];
const GIVEN = ['子涵', '浩然', '雨桐', '俊杰', '欣怡', '宇航', '思远', '嘉怡', '博文', '诗涵', '志强', '晓雯', '明轩', '梓萱', '天佑', '若曦'];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const VIN_VALUES: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** A resident ID number (Nanjing, born 1995-01-01) with a valid ISO 7064 MOD 11-2 check character. */
function idNumberOf(seq: number): string {
  const body = `32010219950101${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body[i]) * (ID_WEIGHTS[i] ?? 0);
  return `${body}${'10X98765432'[sum % 11] ?? ''}`;
}

/** A VIN with a correct position-9 check digit. */
function vinOf(seq: number): string {
  const chars = `LSVAB2180S9${String(700_000 + seq).padStart(6, '0')}`.split('');
  let sum = 0;
  chars.forEach((c, i) => { sum += (/\d/.test(c) ? Number(c) : VIN_VALUES[c] ?? 0) * (VIN_WEIGHTS[i] ?? 0); });
  const r = sum % 11;
  chars[8] = r === 10 ? 'X' : String(r);
  return chars.join('');
}

/**
 * Adds `count` citizens to the sandbox in `<dataDir>/jiaoguan.sqlite` (the bot's file; run before the bot starts)
 * through the sandbox's own ports, as the real platform would have them: a learner registered with a driving
 * school whose 科目一 was passed on 2026-11-10 (so 科目二 can be booked from the next working day), a car with a
 * plate, one violation handled into a decision issued on `today` (50–200 yuan). All but the first
 * `bindInChat` are bound to their OpenID already (binding through the platform's ID + name + SMS code).
 */
export async function seedCitizens(dataDir: string, today: string, count: number, bindInChat: number): Promise<FaultCitizen[]> {
  const db = openSqlite(join(dataDir, 'jiaoguan.sqlite'));
  try {
    const clock = fixedDateClock(today);
    const admin = new SandboxAdmin(db, clock);
    const platform = new SandboxPlatform(db, clock);
    const citizens: FaultCitizen[] = [];
    for (let i = 0; i < count; i += 1) {
      const idNumber = idNumberOf(100 + i);
      const name = `${SURNAMES[i % SURNAMES.length] ?? '王'}${GIVEN[(i * 5) % GIVEN.length] ?? '小明'}`;
      const phone = `1370000${String(1000 + i).padStart(4, '0')}`;
      admin.addCitizen({
        idNumber, name, phone, learnerRegisteredOn: '2026-09-01', permitIssuedOn: '2026-11-10', licenceFirstIssuedOn: '2016-05-20',
      });
      admin.recordPastResult(idNumber, 1, '2026-11-10', true);

      const vin = vinOf(i);
      admin.addVehicle(vin, idNumber, 'fuel');
      const round = await platform.plates.startRandomRound(idNumber, vin);
      await reserveAny(platform, idNumber, vin, round.candidates, `seed-reserve-${i}`);
      admin.registerVehicle(vin);
      const violationId = `VK${today.replace(/-/g, '')}${String(i).padStart(5, '0')}`;
      admin.addViolation({
        violationId, idNumber, vin, occurredAt: `2026-11-15T${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+08:00`,
        kind: i % 2 ? 'parking' : 'seatbelt', location: '南京市玄武区中山路', fineFen: 5000 * (1 + (i % 4)), points: i % 3,
      });
      const decision = await platform.violations.handle(idNumber, violationId, `seed-handle-${i}`);

      const openid = `o_kill9_${String(i).padStart(3, '0')}`;
      const preBound = i >= bindInChat;
      if (preBound) {
        const channelUser = `${WECHAT_CHANNEL_ID}:${openid}`;
        await platform.identity.startBinding(channelUser, idNumber, name);
        const code = (await platform.sms.outbox(phone))[0]?.params.code ?? '';
        await platform.identity.confirmBinding(channelUser, idNumber, code);
      }
      citizens.push({ openid, idNumber, name, phone, vin, decisionNumber: decision.decisionNumber, amountFen: decision.amountDueFen, preBound });
    }
    return citizens;
  } finally {
    db.close();
  }
}

/** Reserves the first candidate still free (another seed may have taken one in the meantime). */
async function reserveAny(platform: SandboxPlatform, idNumber: string, vin: string, candidates: readonly string[], key: string): Promise<void> {
  let last: unknown;
  for (const plate of candidates) {
    try {
      await platform.plates.reserve(idNumber, vin, plate, `${key}-${plate}`.replace(/[^\x21-\x7e]/g, '_'));
      return;
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`seed: no candidate plate could be reserved: ${String(last)}`);
}
