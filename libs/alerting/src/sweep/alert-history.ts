import { addDays, localDayOf, localDayStart } from '@hp/contracts';
import { SqlExecutor } from '@hp/storage';
import { AlertRulesRepository } from '../storage/alert-rules.repository';

/** The alert watermark holding the end of the history written straight to the database (the demo's). */
const HISTORY_WATERMARK = 'history_until';

/**
 * Where a written history stops paging: its local days before the day before its end are history (judged,
 * shown, never alerted as if live); the day before its end and every day after stand as current, so a
 * problem of yesterday or today is alerted as an operator starting work on that day would be told of it.
 */
export class HistoryCut {
  /** The first local day that is not history. */
  readonly firstCurrentDay: string;
  /** The start of that day: an event before it is history. */
  readonly currentFrom: Date;

  constructor(readonly until: Date) {
    this.firstCurrentDay = addDays(localDayOf(until), -1);
    this.currentFrom = localDayStart(this.firstCurrentDay);
  }

  isHistoryDay(day: string): boolean {
    return day < this.firstCurrentDay;
  }

  isHistoryTime(at: Date): boolean {
    return at.getTime() < this.currentFrom.getTime();
  }
}

/**
 * The history written straight to the database rather than received live (the demo's 90 days of readings,
 * judged at start): recorded before it is written, read by the time-driven alerts and the data-quality
 * evaluation, which judge it but open no alert (and so send no notice or reminder) for what it holds
 * before its cut. Without a recorded history every day is current, as on a real installation.
 */
export class AlertHistory {
  constructor(private readonly db: SqlExecutor) {}

  /** Records that what is written up to `until` is history; a later history only moves it forward. */
  async recordHistoryUntil(until: Date): Promise<void> {
    await new AlertRulesRepository(this.db).setWatermark(HISTORY_WATERMARK, until);
  }

  /** The cut of the recorded history; null when none was written. */
  async cut(): Promise<HistoryCut | null> {
    const until = await new AlertRulesRepository(this.db).watermark(HISTORY_WATERMARK);
    return until ? new HistoryCut(until) : null;
  }
}
