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
  });
});
