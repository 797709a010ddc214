import type { AddressInfo } from 'node:net';
import { HttpPlatform } from '../../../../integrations/platform/http/HttpPlatform';
import type { PlatesPort } from '../../../../integrations/platform/plates/types';
import { createSandboxHttpServer } from '../../../../integrations/platform/sandbox/httpServer';
import { LI_NA, sandbox, WANG_QIANG, ZHANG_WEI } from '../fixtures';

/** The plates port's vehicle list, on the sandbox object and over the HTTP contract against the sandbox server. */
const TARGETS: Array<[string, () => Promise<{ plates: PlatesPort; close: () => Promise<void> }>]> = [
  ['the sandbox', async () => {
    const { db, platform } = sandbox();
    return { plates: platform.plates, close: async () => { db.close(); } };
  }],
  ['the HTTP client against the sandbox server', async () => {
    const { db, platform, admin } = sandbox();
    const server = createSandboxHttpServer(platform, { admin });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      plates: new HttpPlatform({ baseUrl: url, timeoutMs: 2000 }).plates,
      close: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        db.close();
      },
    };
  }],
];

describe.each(TARGETS)('plates.vehicles on %s', (_name, open) => {
  it('lists an owner\'s vehicles with the plate when registered and the last six of the VIN', async () => {
    const t = await open();
    try {
      expect(await t.plates.vehicles(LI_NA.idNumber)).toEqual([
        expect.objectContaining({ vin: LI_NA.vin, vinLast6: LI_NA.vin.slice(-6), plate: '苏A12345' }),
      ]);
      const wang = await t.plates.vehicles(WANG_QIANG.idNumber);
      expect(wang.map((v) => [v.vinLast6, v.plate, v.energy]).sort()).toEqual([
        [WANG_QIANG.evVin.slice(-6), null, 'battery-electric'],
        [WANG_QIANG.fuelVin.slice(-6), null, 'fuel'],
      ].sort());
    } finally {
      await t.close();
    }
  });

  it('lists nothing for a citizen without vehicles', async () => {
    const t = await open();
    try {
      expect(await t.plates.vehicles(ZHANG_WEI.idNumber)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
