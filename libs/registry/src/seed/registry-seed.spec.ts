import { TOPIC_CODE_PATTERN } from '@hp/contracts';
import { tempDataDir } from '@hp/testing';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  defaultRegistrySeed,
  loadRegistrySeedFile,
  RegistrySeedError,
  validateRegistrySeed,
} from './registry-seed';

/** A minimal valid seed; `edit` changes a deep copy before validation. */
function seedWith(edit: (seed: { parks: Record<string, unknown>[] }) => void): unknown {
  const seed = {
    parks: [
      {
        code: 'AAA',
        name: 'A park',
        operatingStatus: 'operating',
        source: '[V] https://example.org/a',
        treatmentPlants: [
          {
            code: 'AAA-CETP',
            name: 'A CETP',
            stations: [{ code: 'AAA-CETP-OUT', name: 'A outlet', kind: 'outlet' }],
          },
        ],
      },
      { code: 'BBB', name: 'B park', operatingStatus: 'planned', source: '[V] https://example.org/b' },
    ],
  };
  edit(seed as { parks: Record<string, unknown>[] });
  return seed;
}

const plantOf = (seed: { parks: Record<string, unknown>[] }) =>
  (seed.parks[0]['treatmentPlants'] as Record<string, unknown>[])[0];
const stationOf = (seed: { parks: Record<string, unknown>[] }) =>
  (plantOf(seed)['stations'] as Record<string, unknown>[])[0];

function expectRejected(raw: unknown, message: string): void {
  expect(() => validateRegistrySeed(raw)).toThrow(RegistrySeedError);
  expect(() => validateRegistrySeed(raw)).toThrow(message);
}

describe('validateRegistrySeed', () => {
  it('fills in omitted fields', () => {
    const seed = validateRegistrySeed(seedWith(() => undefined));
    expect(seed.parks[0]).toEqual({
      code: 'AAA',
      name: 'A park',
      nameVi: null,
      developer: null,
      economicZone: null,
      district: null,
      areaHa: null,
      operatingStatus: 'operating',
      source: '[V] https://example.org/a',
      note: null,
      location: null,
      treatmentPlants: [
        {
          code: 'AAA-CETP',
          name: 'A CETP',
          nameVi: null,
          designCapacityM3PerDay: null,
          receivingWater: null,
          operatingStatus: 'operating',
          source: null,
          stations: [
            {
              code: 'AAA-CETP-OUT',
              name: 'A outlet',
              nameVi: null,
              kind: 'outlet',
              expectedIntervalSeconds: 300,
              active: true,
            },
          ],
        },
      ],
    });
    expect(seed.parks[1].treatmentPlants).toEqual([]);
  });

  it('reads a park location with its status tag, within Viet Nam', () => {
    const location = { latitude: 20.84, longitude: 106.76, source: '[U] approximate, from a public map' };
    expect(
      validateRegistrySeed(seedWith((s) => (s.parks[0]['location'] = location))).parks[0].location,
    ).toEqual(location);
    expectRejected(
      seedWith((s) => (s.parks[0]['location'] = { ...location, latitude: 2.08 })),
      'parks[0] (AAA).location: latitude must be a number from 8 to 23.5, got 2.08',
    );
    expectRejected(
      seedWith((s) => (s.parks[0]['location'] = { ...location, source: 'approximate' })),
      'parks[0] (AAA).location: source must start with its status tag',
    );
    expectRejected(
      seedWith((s) => (s.parks[0]['location'] = { ...location, lat: 20.8 })),
      'parks[0] (AAA).location: lat is not a known field',
    );
  });

  it.each<[string, unknown, string]>([
    ['a non-object file', [], 'seed file: must be an object'],
    ['a missing park list', {}, 'seed file: parks must list at least one park'],
    ['a park list that is not an array', { parks: {} }, 'seed file: parks must be an array'],
    [
      'an unknown top-level key',
      seedWith((s) => Object.assign(s, { park: [] })),
      'seed file: park is not a known field',
    ],
    [
      'a park that is not an object',
      seedWith((s) => s.parks.push('CCC' as never)),
      'parks[2]: must be an object',
    ],
    [
      'duplicate park codes',
      seedWith((s) => (s.parks[1]['code'] = 'AAA')),
      'parks[1] (AAA): code "AAA" duplicates the park code of parks[0] (AAA)',
    ],
    [
      'duplicate plant codes across parks',
      seedWith((s) => (s.parks[1]['treatmentPlants'] = [{ code: 'AAA-CETP', name: 'B CETP' }])),
      'parks[1] (BBB).treatmentPlants[0] (AAA-CETP): code "AAA-CETP" duplicates the treatment plant code of parks[0] (AAA).treatmentPlants[0] (AAA-CETP)',
    ],
    [
      'duplicate station codes',
      seedWith((s) =>
        (plantOf(s)['stations'] as unknown[]).push({ code: 'AAA-CETP-OUT', name: 'again', kind: 'inlet' }),
      ),
      'parks[0] (AAA).treatmentPlants[0] (AAA-CETP).stations[1] (AAA-CETP-OUT): code "AAA-CETP-OUT" duplicates the station code of parks[0] (AAA).treatmentPlants[0] (AAA-CETP).stations[0] (AAA-CETP-OUT)',
    ],
    [
      'a code with a topic separator',
      seedWith((s) => (s.parks[1]['code'] = 'VSIP/HP')),
      `parks[1] (VSIP/HP): code must be uppercase letters, digits and dashes, at most 64 characters (it is used in MQTT topics, pattern ${TOPIC_CODE_PATTERN})`,
    ],
    [
      'a lowercase code',
      seedWith((s) => (s.parks[1]['code'] = 'vsip-hp')),
      'parks[1] (vsip-hp): code must be uppercase',
    ],
    [
      'a code over 64 characters',
      seedWith((s) => (s.parks[1]['code'] = 'A'.repeat(65))),
      'code must be uppercase',
    ],
    [
      'a missing code',
      seedWith((s) => delete s.parks[1]['code']),
      'parks[1]: code must be a non-empty string',
    ],
    [
      'a blank name',
      seedWith((s) => (s.parks[1]['name'] = ' ')),
      'parks[1] (BBB): name must be a non-empty string',
    ],
    [
      'a missing source',
      seedWith((s) => delete s.parks[1]['source']),
      'parks[1] (BBB): source must be a non-empty string',
    ],
    [
      'a non-string nameVi',
      seedWith((s) => (s.parks[1]['nameVi'] = 5)),
      'parks[1] (BBB): nameVi must be a non-empty string or null',
    ],
    [
      'a negative area',
      seedWith((s) => (s.parks[1]['areaHa'] = -12)),
      'parks[1] (BBB): areaHa must be a positive number or null (unknown), got -12',
    ],
    [
      'an area given as text',
      seedWith((s) => (s.parks[1]['areaHa'] = '~1300')),
      'areaHa must be a positive number or null (unknown), got "~1300"',
    ],
    [
      'an unknown status',
      seedWith((s) => (s.parks[1]['operatingStatus'] = 'active')),
      'parks[1] (BBB): operatingStatus must be one of operating, under_construction, planned, suspended, closed, got "active"',
    ],
    [
      'a missing status',
      seedWith((s) => delete s.parks[1]['operatingStatus']),
      'parks[1] (BBB): operatingStatus must be one of',
    ],
    [
      'a misspelt field',
      seedWith((s) => (s.parks[1]['area_ha'] = 10)),
      'parks[1] (BBB): area_ha is not a known field',
    ],
    [
      'plants that are not an array',
      seedWith((s) => (s.parks[1]['treatmentPlants'] = {})),
      'parks[1] (BBB): treatmentPlants must be an array',
    ],
    [
      'a zero plant capacity',
      seedWith((s) => (plantOf(s)['designCapacityM3PerDay'] = 0)),
      'parks[0] (AAA).treatmentPlants[0] (AAA-CETP): designCapacityM3PerDay must be a positive number or null (unknown), got 0',
    ],
    [
      'an unknown plant status',
      seedWith((s) => (plantOf(s)['operatingStatus'] = 'open')),
      'parks[0] (AAA).treatmentPlants[0] (AAA-CETP): operatingStatus must be one of',
    ],
    [
      'an unknown station kind',
      seedWith((s) => (stationOf(s)['kind'] = 'midstream')),
      'parks[0] (AAA).treatmentPlants[0] (AAA-CETP).stations[0] (AAA-CETP-OUT): kind must be one of outlet, inlet, got "midstream"',
    ],
    [
      'a fractional interval',
      seedWith((s) => (stationOf(s)['expectedIntervalSeconds'] = 2.5)),
      'stations[0] (AAA-CETP-OUT): expectedIntervalSeconds must be a positive integer, got 2.5',
    ],
    [
      'a non-boolean active flag',
      seedWith((s) => (stationOf(s)['active'] = 'yes')),
      'stations[0] (AAA-CETP-OUT): active must be true or false, got "yes"',
    ],
  ])('rejects %s', (_case, raw, message) => expectRejected(raw, message));

  it('ignores $-prefixed comment keys', () => {
    expect(() =>
      validateRegistrySeed(seedWith((s) => Object.assign(s.parks[0], { $comment: 'x' }))),
    ).not.toThrow();
  });
});

describe('the Hai Phong seed file', () => {
  const seed = defaultRegistrySeed();
  const park = (code: string) => seed.parks.find((p) => p.code === code)!;

  it('lists the parks of domain.md 4.2 with unique topic-safe codes', () => {
    expect(seed.parks.map((p) => p.code)).toEqual([
      'DEEPC-HP1',
      'DEEPC-HP2',
      'DEEPC-HP3',
      'VSIP-HP',
      'NOMURA-HP',
      'NOMURA-HP2',
      'TRANGDUE',
      'TRANGDUE-3',
      'NAMDINHVU',
      'MP-DINHVU',
      'TIENTHANH',
      'NAMCAUKIEN',
      'ANDUONG',
      'DOSON',
      'XUANCAU-CATHAI',
      'CAUCUU-ANLAO',
      'NAMTRANGCAT',
      'HOANGDIEU',
      'NGUPHUC-1',
      'TANTRAO-1',
      'VINHQUANG',
      'BINHGIANG',
    ]);
    for (const p of seed.parks) expect(p.source).toMatch(/\[[VU]2?\]/);
  });

  it('places every park approximately in Hai Phong (old and former Hai Duong), each location marked unverified', () => {
    for (const p of seed.parks) {
      expect(p.location).toEqual({
        latitude: expect.any(Number),
        longitude: expect.any(Number),
        source: expect.stringMatching(/^\[U\] /),
      });
      // The merged city's extent: from Binh Giang in the west to Cat Hai in the east.
      expect(p.location!.latitude).toBeGreaterThan(20.6);
      expect(p.location!.latitude).toBeLessThan(21.2);
      expect(p.location!.longitude).toBeGreaterThan(106.0);
      expect(p.location!.longitude).toBeLessThan(107.1);
    }
  });

  it('gives every operating park a CETP with an outlet station, and only VSIP a capacity', () => {
    for (const p of seed.parks) {
      expect(p.treatmentPlants.length > 0).toBe(p.operatingStatus === 'operating');
      for (const plant of p.treatmentPlants) {
        expect(plant.code).toBe(`${p.code}-CETP`);
        expect(plant.receivingWater).toBeNull();
        expect(plant.stations).toEqual([
          expect.objectContaining({
            code: `${p.code}-CETP-OUT`,
            kind: 'outlet',
            expectedIntervalSeconds: 300,
          }),
        ]);
      }
    }
    const capacities = seed.parks.flatMap((p) =>
      p.treatmentPlants.map((t) => [t.code, t.designCapacityM3PerDay]),
    );
    expect(capacities.filter(([, c]) => c !== null)).toEqual([['VSIP-HP-CETP', 4500]]);
  });

  it('keeps unknown and unverified areas null, with a note', () => {
    expect(park('VSIP-HP').areaHa).toBe(1567);
    expect(park('CAUCUU-ANLAO').areaHa).toBe(93.27);
    for (const code of ['NAMDINHVU', 'MP-DINHVU', 'NAMCAUKIEN', 'ANDUONG', 'DOSON', 'DEEPC-HP3']) {
      expect(park(code).areaHa).toBeNull();
      expect(park(code).note).toMatch(/Area null/);
    }
  });
});

describe('loadRegistrySeedFile', () => {
  it('names the file in its errors', async () => {
    const tmp = await tempDataDir({ prefix: 'hp-registry-seed-' });
    try {
      const bad = join(tmp.dir, 'bad.json');
      await writeFile(
        bad,
        JSON.stringify({ parks: [{ code: 'X', name: 'x', operatingStatus: 'gone', source: 's' }] }),
      );
      await expect(loadRegistrySeedFile(bad)).rejects.toThrow(
        `${bad}: parks[0] (X): operatingStatus must be one of`,
      );
      const broken = join(tmp.dir, 'broken.json');
      await writeFile(broken, '{ "parks": [');
      await expect(loadRegistrySeedFile(broken)).rejects.toThrow(`${broken}: not readable JSON`);
    } finally {
      await tmp.remove();
    }
  });
});
