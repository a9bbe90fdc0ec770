import { parkDays } from './park-days';

const unit = (park: string, stationIds: number[], operating = true) => ({
  parkCode: park,
  parkName: `KCN ${park}`,
  operating,
  outlets: stationIds.map((stationId) => ({
    stationId,
    stationCode: `S${stationId}`,
    plantCode: `${park}-CETP`,
  })),
});

describe('parkDays', () => {
  // The compliance views give each park the outlets of its operating plants (D's plant is not operating).
  const outlets = [unit('A', [1, 2]), unit('B', []), unit('C', [3], false), unit('D', [])];

  it('judges each park day by its outlets: any exceedance, all compliant, then no permit, then data', () => {
    const rows = parkDays(
      outlets,
      [
        { stationId: 1, day: '2026-03-01', verdict: 'compliant' },
        { stationId: 2, day: '2026-03-01', verdict: 'compliant' },
        { stationId: 1, day: '2026-03-02', verdict: 'exceedance' },
        { stationId: 2, day: '2026-03-02', verdict: 'no_permit' },
        { stationId: 1, day: '2026-03-03', verdict: 'no_permit' },
        { stationId: 2, day: '2026-03-03', verdict: 'insufficient_data' },
        { stationId: 1, day: '2026-03-04', verdict: 'compliant' },
      ],
      '2026-03-01',
      '2026-03-05',
      '2026-03-10',
    );
    const a = rows.filter((r) => r.parkCode === 'A').map((r) => [r.day, r.status, r.missingOutlets]);
    expect(a).toEqual([
      ['2026-03-01', 'compliant', 0],
      ['2026-03-02', 'exceedance', 0],
      ['2026-03-03', 'no_permit', 0],
      ['2026-03-04', 'insufficient_data', 1],
    ]);
    const other = (park: string) => [
      ...new Set(rows.filter((r) => r.parkCode === park).map((r) => r.status)),
    ];
    expect(other('B')).toEqual(['no_operating_plant']);
    expect(other('C')).toEqual(['not_operating']);
    // A plant not operating has no outlets that count.
    expect(other('D')).toEqual(['no_operating_plant']);
    expect(rows).toHaveLength(4 * 4);
    // All days are closed and final before 2026-03-10.
    expect(rows.filter((r) => r.provisional)).toEqual([]);
  });

  it('flags a park day provisional when it is today or later, or an outlet verdict is still provisional', () => {
    const rows = parkDays(
      outlets,
      [
        { stationId: 1, day: '2026-03-08', verdict: 'compliant', provisional: false },
        { stationId: 2, day: '2026-03-08', verdict: 'compliant', provisional: false },
        // Yesterday, still inside its late-data window at station 2.
        { stationId: 1, day: '2026-03-09', verdict: 'compliant', provisional: false },
        { stationId: 2, day: '2026-03-09', verdict: 'compliant', provisional: true },
        // Today, judged so far; a verdict the park rules do not know yet is tolerated (not compliant).
        { stationId: 1, day: '2026-03-10', verdict: 'compliant', provisional: true },
        {
          stationId: 2,
          day: '2026-03-10',
          verdict: 'a_verdict_added_later' as 'exceedance',
          provisional: true,
        },
      ],
      '2026-03-08',
      '2026-03-12',
      '2026-03-10',
    );
    const a = rows.filter((r) => r.parkCode === 'A').map((r) => [r.day, r.status, r.provisional]);
    expect(a).toEqual([
      ['2026-03-08', 'compliant', false],
      ['2026-03-09', 'compliant', true],
      ['2026-03-10', 'insufficient_data', true],
      ['2026-03-11', 'insufficient_data', true],
    ]);
    // Parks judged by no outlet verdict are never provisional.
    expect(rows.filter((r) => r.parkCode !== 'A' && r.provisional)).toEqual([]);
  });
});
