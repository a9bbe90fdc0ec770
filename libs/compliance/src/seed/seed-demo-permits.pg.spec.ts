import { Database } from '@hp/storage';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { AuditTrail } from '@hp/audit';
import { openTestStore, TestStore } from '@hp/testing-store';
import { demoPermits, seedDemoPermits } from './seed-demo-permits';

describe('demo permits (embedded defaults)', () => {
  let store: TestStore;
  let db: Database;

  beforeAll(async () => {
    store = await openTestStore('pg');
    db = store.db;
  });

  afterAll(async () => {
    await store?.cleanup();
  });

  async function station(parkCode: string, code: string): Promise<number> {
    const park = await new RegistryAdmin(db).registerPark({ code: parkCode, name: parkCode });
    const plant = await new RegistryAdmin(db).registerTreatmentPlant({
      code: `${parkCode}-CETP`,
      parkId: park.id,
      name: 'cetp',
    });
    return (
      await new RegistryAdmin(db).registerStation({ code, plantId: plant.id, name: code, kind: 'outlet' })
    ).id;
  }

  it('lists one QCVN 40:2011 column B permit per simulator station, with a permitted flow', () => {
    const permits = demoPermits();
    expect(permits).toHaveLength(8);
    for (const p of permits) {
      expect(p).toMatchObject({ standard: 'QCVN40:2011', column: 'B' });
      expect(p.parameters).toEqual(['Temp', 'pH', 'TSS', 'COD', 'NH4']);
      expect(p.permittedFlowM3PerDay).toBeGreaterThan(0);
    }
  });

  it('adds a permit only to a station that has none, with Kf from its permitted flow and an audit entry; a re-run adds nothing', async () => {
    const vsip = await station('VSIP-HP', 'VSIP-HP-CETP-OUT');
    const nomura = await station('NOMURA-HP', 'NOMURA-HP-CETP-OUT');
    const own = await new RegistryAdmin(db).recordDischargePermit({
      stationId: nomura,
      standardVersion: 'QCVN40:2011',
      columnCode: 'A',
      effectiveFrom: '2026-01-01',
      kf: 0.9,
      kfSource: 'explicit',
      kfReason: 'its own permit',
    });

    // Stations of the file missing from this registry are skipped.
    expect(await seedDemoPermits(db)).toEqual(['VSIP-HP-CETP-OUT']);
    expect(await seedDemoPermits(db)).toEqual([]);

    const [permit] = await new RegistryReader(db).permits.listByStation(vsip);
    expect(permit).toMatchObject({
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      kq: null,
      kf: 1,
      kfSource: 'flow_table',
      permittedFlowM3PerDay: 4500,
      effectiveFrom: '2025-01-01',
      effectiveTo: null,
      parameters: ['Temp', 'pH', 'TSS', 'COD', 'NH4'],
    });
    expect(await new RegistryReader(db).permits.listByStation(nomura)).toEqual([own]);
    const audit = await new AuditTrail(db).list({ subject: 'station:VSIP-HP-CETP-OUT', limit: 10 });
    expect(audit.map((a) => [a.actor, a.action])).toEqual([['seed:demo-permits', 'permit.add']]);
  });
});
