import { fixedDateClock } from '../../integrations/clock';
import { calendar } from '../../integrations/platform/sandbox/calendar';
import { SandboxAdmin } from '../../integrations/platform/sandbox/SandboxAdmin';
import { createSqliteStores } from '../../integrations/storage/sqlite/createSqliteStores';
import { NOTICE_TOPIC_IDS, type NoticeTopicId } from '../../dialogs/services/notices/NoticeTopic';

/** One subscribed citizen of the notice bench and test: bound to a WeChat follower, every topic granted. */
export interface NoticeCitizen {
  readonly openid: string;
  /** The channel user id the notices are keyed by (wechat:<openid>). */
  readonly citizen: string;
  readonly idNumber: string;
  /** The driving licence's last valid day. */
  readonly validUntil: string;
  /** A registered car's plate (violations are recorded on it), when the citizen owns one. */
  readonly plate?: string;
}

export interface NoticeSeed {
  /** Citizens to add. */
  count: number;
  /** SANDBOX_TODAY of the bot that will run on the folder. */
  today: string;
  /** The licence's last valid day of citizen i (renewal notices are due 90 days before it, at 09:00). */
  validUntil: (i: number) => string;
  /** Whether citizen i owns a car with a registered plate. */
  ownsCar: (i: number) => boolean;
  /** OpenID prefix. */
  prefix?: string;
  /** Topics granted (default all). */
  topics?: readonly NoticeTopicId[];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const VIN_VALUES: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const SURNAMES = ['赵', '钱', '孙', '周', '吴', '郑', '冯', '陈', '韩', '杨', '朱', '何', '吕', '沈', '许', '秦'];
const GIVEN = ['子涵', '浩然', '雨桐', '俊杰', '欣怡', '宇航', '思远', '嘉怡', '博文', '诗涵', '志强', '晓雯', '明轩', '梓萱', '天佑', '若曦'];

/** A resident ID number (南京鼓楼, born 1970 onwards, 900 per birthday) with a valid check character. */
function idNumberOf(i: number): string {
  const born = calendar.addDays('1970-01-01', Math.floor(i / 900)).replaceAll('-', '');
  const body = `320106${born}${String(100 + (i % 900))}`;
  let sum = 0;
  for (let k = 0; k < 17; k += 1) sum += Number(body[k]) * (ID_WEIGHTS[k] ?? 0);
  return `${body}${'10X98765432'[sum % 11] ?? ''}`;
}

/** A VIN with a correct position-9 check digit. */
function vinOf(i: number): string {
  const chars = `LSVNB2180S9${String(500_000 + i).padStart(6, '0')}`.split('');
  let sum = 0;
  chars.forEach((c, k) => { sum += (/\d/.test(c) ? Number(c) : VIN_VALUES[c] ?? 0) * (VIN_WEIGHTS[k] ?? 0); });
  const r = sum % 11;
  chars[8] = r === 10 ? 'X' : String(r);
  return chars.join('');
}

/** 苏A plus a serial no persona holds (letters W/X/Y/Z then four digits). */
const plateOf = (i: number): string => `苏A${'WXYZ'[Math.floor(i / 10_000) % 4]}${String(i % 10_000).padStart(4, '0')}`;

/**
 * Writes `count` subscribed citizens into `<dataDir>/jiaoguan.sqlite` before the bot starts: each on the sandbox
 * platform with a C1 licence (validity from `validUntil`), bound to the WeChat follower `<prefix>_<i>` (SandboxAdmin.bind,
 * no SMS round), every topic granted in the notice store; some own a car with a registered plate (written as the
 * plate selection leaves it, without running a selection round per car).
 */
export async function seedNoticeCitizens(dataDir: string, seed: NoticeSeed): Promise<NoticeCitizen[]> {
  const stores = createSqliteStores(dataDir);
  try {
    const clock = fixedDateClock(seed.today);
    const admin = new SandboxAdmin(stores.db, clock);
    const registered = stores.db.prepare(`INSERT INTO plate_holds (plate, vin, id_number, status, reserved_at, expires_on, registered_on)
      VALUES (?, ?, ?, 'registered', ?, NULL, ?)`);
    const prefix = seed.prefix ?? 'o_nb';
    const topics = seed.topics ?? NOTICE_TOPIC_IDS;
    const citizens: NoticeCitizen[] = [];
    const add = stores.db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i += 1) {
        const idNumber = idNumberOf(i);
        const validUntil = seed.validUntil(i);
        admin.addCitizen({
          idNumber, name: `${SURNAMES[i % SURNAMES.length] ?? '王'}${GIVEN[(i * 7) % GIVEN.length] ?? '小明'}`,
          phone: `139${String(10_000_000 + i).slice(-8)}`,
          licence: { licenceClass: 'C1', validFrom: calendar.addYears(validUntil, -6), validUntil },
        });
        const openid = `${prefix}_${i}`;
        admin.bind(`wechat:${openid}`, idNumber);
        let plate: string | undefined;
        if (seed.ownsCar(i)) {
          const vin = vinOf(i);
          plate = plateOf(i);
          admin.addVehicle(vin, idNumber, 'fuel');
          registered.run(plate, vin, idNumber, `${seed.today}T01:00:00.000Z`, seed.today);
        }
        citizens.push({ openid, citizen: `wechat:${openid}`, idNumber, validUntil, ...(plate ? { plate } : {}) });
      }
    });
    for (let from = 0; from < seed.count; from += 1000) add(from, Math.min(seed.count, from + 1000));
    const updatedAt = Date.parse(`${seed.today}T08:00:00+08:00`);
    for (const c of citizens) {
      for (const topic of topics) await stores.notices.setConsent({ citizen: c.citizen, topic, state: 'granted', updatedAt });
    }
    return citizens;
  } finally {
    await stores.close();
  }
}
