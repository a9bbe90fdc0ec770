import type { SqlExecutor } from '@hp/storage';

/** A park's standing over a period by the one rule (SQL function park_standings_between, migration 0023). */
export interface ParkStanding {
  parkId: number;
  parkCode: string;
  parkName: string;
  operating: boolean;
  outlets: number;
  days: number;
  /** The rule's share of compliant days an outlet needs (compliance_rule_settings). */
  minCompliantDayShare: number;
  standing:
    'met' | 'exceedance' | 'suspected_exceedance' | 'insufficient_data' | 'no_permit' | 'no_operating_plant';
}

/** The city KPI over a period by the same rule (SQL function parks_meeting_standard). */
export interface ParksMeetingStandard {
  operatingParks: number;
  parksMeeting: number;
  share: number | null;
}

/**
 * Reads the park-standing rule and the KPI from the SQL functions that define them, so the API, Grafana,
 * reports and open data judge a park alike.
 */
export class ParkStandingsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Every park's standing over the local days [firstDay, endDay). */
  async between(firstDay: string, endDay: string): Promise<ParkStanding[]> {
    return (
      await this.db.query<ParkStanding>(
        `SELECT park_id AS "parkId", park_code AS "parkCode", park_name AS "parkName", operating, outlets, days,
                min_compliant_day_share::float8 AS "minCompliantDayShare", standing
           FROM park_standings_between($1::date, $2::date) ORDER BY park_code`,
        [firstDay, endDay],
      )
    ).rows;
  }

  /** The KPI of each period, in one query. */
  async meetingStandard(
    periods: readonly { firstDay: string; endDay: string }[],
  ): Promise<ParksMeetingStandard[]> {
    if (periods.length === 0) return [];
    const { rows } = await this.db.query<ParksMeetingStandard & { i: number }>(
      `SELECT u.i::int AS i, k.operating_parks AS "operatingParks", k.parks_meeting AS "parksMeeting", k.share
         FROM unnest($1::date[], $2::date[]) WITH ORDINALITY AS u (first_day, end_day, i)
        CROSS JOIN LATERAL parks_meeting_standard(u.first_day, u.end_day) AS k
        ORDER BY u.i`,
      [periods.map((p) => p.firstDay), periods.map((p) => p.endDay)],
    );
    return rows.map(({ i: _i, ...kpi }) => kpi);
  }

  /** Sets the rule's share of compliant days an outlet needs (compliance_rule_settings), 0-1. */
  async setMinCompliantDayShare(share: number): Promise<void> {
    await this.db.query(
      `UPDATE compliance_rule_settings SET value = $1 WHERE key = 'kpi_min_compliant_day_share'`,
      [share],
    );
  }
}
