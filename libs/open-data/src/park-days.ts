import { addDays } from '@hp/contracts';
import type { ParkUnit } from '@hp/compliance';
import type { ComplianceStationDay } from '@hp/storage';

/** A park's standing on one local day, from its outlet stations' daily verdicts. */
export type ParkDayStatus =
  'compliant' | 'exceedance' | 'insufficient_data' | 'no_permit' | 'no_operating_plant' | 'not_operating';

export interface ParkDay {
  readonly day: string;
  readonly parkCode: string;
  readonly parkName: string;
  readonly status: ParkDayStatus;
  readonly outlets: number;
  readonly compliantOutlets: number;
  readonly exceedanceOutlets: number;
  readonly insufficientDataOutlets: number;
  readonly noPermitOutlets: number;
  /** Outlets with no verdict that day (no data arrived). */
  readonly missingOutlets: number;
}

type Verdict = Pick<ComplianceStationDay, 'stationId' | 'day' | 'verdict'>;

/**
 * One row per park and day of [from, to), over the outlets the compliance views judge each park by: an
 * exceedance at any outlet makes the day an exceedance; all outlets compliant make it compliant;
 * otherwise a missing permit, then missing or insufficient data, is what keeps it from being compliant.
 */
export function parkDays(
  units: readonly Pick<ParkUnit, 'parkCode' | 'parkName' | 'operating' | 'outlets'>[],
  verdicts: readonly Verdict[],
  from: string,
  to: string,
): ParkDay[] {
  const byStationDay = new Map(verdicts.map((v) => [`${v.stationId}|${v.day}`, v.verdict]));
  const rows: ParkDay[] = [];
  for (let day = from; day < to; day = addDays(day, 1)) {
    for (const park of units) {
      const counts = { compliant: 0, exceedance: 0, insufficient_data: 0, no_permit: 0, missing: 0 };
      for (const { stationId } of park.outlets)
        counts[byStationDay.get(`${stationId}|${day}`) ?? 'missing']++;
      const status: ParkDayStatus = !park.operating
        ? 'not_operating'
        : park.outlets.length === 0
          ? 'no_operating_plant'
          : counts.exceedance > 0
            ? 'exceedance'
            : counts.compliant === park.outlets.length
              ? 'compliant'
              : counts.no_permit > 0
                ? 'no_permit'
                : 'insufficient_data';
      rows.push({
        day,
        parkCode: park.parkCode,
        parkName: park.parkName,
        status,
        outlets: park.outlets.length,
        compliantOutlets: counts.compliant,
        exceedanceOutlets: counts.exceedance,
        insufficientDataOutlets: counts.insufficient_data,
        noPermitOutlets: counts.no_permit,
        missingOutlets: counts.missing,
      });
    }
  }
  return rows;
}
