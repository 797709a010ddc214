import type { DriverLicence, ViolationKind } from '../types';
import type { DenyEntry, PlateEnergy } from '../plates/plateRules';

/** Fixed seed data of the sandbox (DESIGN §4): demos and tests rely on it. */
export const sandboxPersonas = {
  centres: [
    // 科目四 is a computer test like 科目一 and is taken at the same centre.
    { centreId: 'nj-1', name: '南京市交管局第一考场', subjects: [1, 4], capacity: 20 },
    { centreId: 'nj-2', name: '南京市交管局第二考场', subjects: [2, 3], capacity: 20 },
  ],
  citizens: [
    {
      idNumber: '320102199003071239', name: '张伟', phone: '13912345678',
      learnerRegisteredOn: '2026-09-01', drivingSchool: '南京东方驾校', permitIssuedOn: '2026-11-20', licenceFirstIssuedOn: null,
      licence: null,
    },
    {
      idNumber: '320583198512240024', name: '李娜', phone: '13812345678',
      learnerRegisteredOn: null, drivingSchool: null, permitIssuedOn: null, licenceFirstIssuedOn: '2010-03-15',
      // Renewal (换证) is due from 2026-12-01, 90 days before expiry: in the demo's December.
      licence: { licenceClass: 'C1', validFrom: '2021-03-15', validUntil: '2027-03-01' },
    },
    {
      idNumber: '11010519491231002X', name: '王强', phone: '13712345678',
      learnerRegisteredOn: null, drivingSchool: null, permitIssuedOn: null, licenceFirstIssuedOn: '1995-06-01',
      licence: { licenceClass: 'A1', validFrom: '2011-06-01', validUntil: null },
    },
  ] satisfies readonly {
    idNumber: string; name: string; phone: string; learnerRegisteredOn: string | null; drivingSchool: string | null;
    permitIssuedOn: string | null; licenceFirstIssuedOn: string | null; licence: DriverLicence | null;
  }[],
  /** 张伟 passed 科目一 on the day his learner permit was issued. */
  examResults: [{ idNumber: '320102199003071239', subject: 1, examDate: '2026-11-20', passed: true }],
  vehicles: [
    { vin: 'LSVAU2187N2123456', owner: '320583198512240024', energy: 'fuel', authority: 'A', registeredPlate: '苏A12345', registeredOn: '2022-04-18' },
    { vin: 'LGXCE4CB7R0654321', owner: '11010519491231002X', energy: 'battery-electric', authority: 'A', registeredPlate: null, registeredOn: null },
    { vin: 'LFV3A28K1R3008821', owner: '11010519491231002X', energy: 'fuel', authority: 'A', registeredPlate: null, registeredOn: null },
  ] satisfies readonly { vin: string; owner: string; energy: PlateEnergy; authority: string; registeredPlate: string | null; registeredOn: string | null }[],
  violations: [
    // Handled earlier this cycle: together the 6 points 李娜 has (cycle from 2026-03-15).
    { violationId: 'V2026081500011', occurredAt: '2026-08-15T09:30:00+08:00', kind: 'speeding', location: '南京市江宁区机场高速K12', fineFen: 20000, points: 3, decision: { number: '320100123400815', issuedOn: '2026-08-20', paidAt: '2026-08-25T02:00:00.000Z' } },
    { violationId: 'V2026092500021', occurredAt: '2026-09-25T17:45:00+08:00', kind: 'phone-use', location: '南京市鼓楼区中山北路与虎踞路交叉口', fineFen: 10000, points: 3, decision: { number: '320100123456789', issuedOn: '2026-10-01', paidAt: null } },
    // Unprocessed.
    { violationId: 'V2026110100031', occurredAt: '2026-11-01T08:12:00+08:00', kind: 'speeding', location: '南京市栖霞区绕城公路K8', fineFen: 20000, points: 3, decision: null },
    { violationId: 'V2026111000041', occurredAt: '2026-11-10T14:20:00+08:00', kind: 'parking', location: '南京市玄武区中山路', fineFen: 15000, points: 0, decision: null },
    { violationId: 'V2026111800051', occurredAt: '2026-11-18T19:05:00+08:00', kind: 'red-light', location: '南京市秦淮区中华路与白下路交叉口', fineFen: 20000, points: 6, decision: null },
  ] satisfies readonly {
    violationId: string; occurredAt: string; kind: ViolationKind; location: string; fineFen: number; points: number;
    decision: { number: string; issuedOn: string; paidAt: string | null } | null;
  }[],
  /** Whose violations the list above is: 李娜's car. */
  violationsOf: { idNumber: '320583198512240024', vin: 'LSVAU2187N2123456', plate: '苏A12345' },
  denylist: [
    { fragment: '4444', reason: 'offensive' },
    { fragment: '250', reason: 'offensive' },
    { fragment: 'SB', reason: 'offensive' },
    { fragment: 'AAAAA', reason: 'reserved' },
    ...['00000', '11111', '22222', '33333', '55555', '66666', '77777', '88888', '99999']
      .map((fragment) => ({ fragment, reason: 'reserved' as const })),
  ] satisfies readonly DenyEntry[],
};
