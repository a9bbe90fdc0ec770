import { addDays } from '@hp/contracts';
import type { ComplianceStationDay, ParkUnit } from '@hp/compliance';

/** A park's standing on one local day, from its outlet stations' daily verdicts. */
export type ParkDayStatus =
  | 'compliant'
  | 'exceedance'
  | 'suspected_exceedance'
  | 'insufficient_data'
  | 'no_permit'
  | 'no_operating_plant'
  | 'not_operating';

export interface ParkDay {
  readonly day: string;
  readonly parkCode: string;
  readonly parkName: string;
  readonly status: ParkDayStatus;
  readonly outlets: number;
  readonly compliantOutlets: number;
  readonly exceedanceOutlets: number;
  /** Outlets with a suspected exceedance awaiting an officer's review. */
  readonly suspectedExceedanceOutlets: number;
  readonly insufficientDataOutlets: number;
  readonly noPermitOutlets: number;
  /** Outlets with no verdict that day (no data arrived). */
  readonly missingOutlets: number;
  /**
   * The status rests on a provisional verdict: the day is today (judged so far) or later, or an outlet's
   * verdict is still inside its late-data window. It may change until the day is final.
   */
  readonly provisional: boolean;
}

type Verdict = Pick<ComplianceStationDay, 'stationId' | 'day' | 'verdict' | 'provisional'>;

/**
 * One row per park and day of [from, to), over the outlets the compliance views judge each park by: an
 * exceedance at any outlet makes the day an exceedance, else a suspected one a suspected exceedance; all
 * outlets compliant make it compliant;
 * otherwise a missing permit, then missing or insufficient data, is what keeps it from being compliant.
 */
export function parkDays(
  units: readonly Pick<ParkUnit, 'parkCode' | 'parkName' | 'operating' | 'outlets'>[],
  verdicts: readonly Verdict[],
  from: string,
  to: string,
  today: string,
): ParkDay[] {
  const byStationDay = new Map(verdicts.map((v) => [`${v.stationId}|${v.day}`, v]));
  const rows: ParkDay[] = [];
  for (let day = from; day < to; day = addDays(day, 1)) {
    for (const park of units) {
      // Keyed by verdict name; a verdict not counted here (e.g. one added later) keeps the day from compliant.
      const counts: Record<string, number> = {
        compliant: 0,
        exceedance: 0,
        suspected_exceedance: 0,
        insufficient_data: 0,
        no_permit: 0,
        missing: 0,
      };
      let provisional = day >= today;
      for (const { stationId } of park.outlets) {
        const v = byStationDay.get(`${stationId}|${day}`);
        const key = v?.verdict ?? 'missing';
        counts[key] = (counts[key] ?? 0) + 1;
        if (v?.provisional) provisional = true;
      }
      const status: ParkDayStatus = !park.operating
        ? 'not_operating'
        : park.outlets.length === 0
          ? 'no_operating_plant'
          : counts.exceedance > 0
            ? 'exceedance'
            : counts.suspected_exceedance > 0
              ? 'suspected_exceedance'
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
        suspectedExceedanceOutlets: counts.suspected_exceedance,
        insufficientDataOutlets: counts.insufficient_data,
        noPermitOutlets: counts.no_permit,
        missingOutlets: counts.missing,
        // Only a status judged from the outlets' verdicts can be provisional.
        provisional: park.operating && park.outlets.length > 0 && provisional,
      });
    }
  }
  return rows;
}
