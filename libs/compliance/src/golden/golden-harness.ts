import { Database } from '@hp/storage';
import { DischargePermitInput, OperatingStatus, RegistryAdmin, RegistryReader } from '@hp/registry';
import { NewReading, ReadingsReader, ReadingsWriter } from '@hp/readings';
import { ComplianceParameterDaysRepository } from '../storage/compliance-parameter-days.repository';
import { ComplianceStationDaysRepository } from '../storage/compliance-station-days.repository';
import { ComplianceReader } from '../storage/compliance-reader';
import { WATER_PARAMETERS } from '@hp/contracts';
import { ComplianceEngine } from '../compliance-engine.service';
import { ComplianceViewsService } from '../kpi/compliance-views.service';
import { SetAsideReviewService } from '../review/set-aside-review.service';

/** Local (UTC+7) 'YYYY-MM-DDTHH:mm' to the instant. */
export function local(text: string): Date {
  return new Date(`${text}:00+07:00`);
}

/**
 * `count` readings of one parameter every `stepMinutes` from a local time; `value` may depend on the
 * index, `status` too (0 measuring, 1 calibrating, 2 device error).
 */
export function series(
  parameterCode: string,
  fromLocal: string,
  count: number,
  value: number | ((i: number) => number),
  status: 0 | 1 | 2 | ((i: number) => 0 | 1 | 2) = 0,
  stepMinutes = 5,
): Omit<NewReading, 'stationId'>[] {
  const start = local(fromLocal).getTime();
  return Array.from({ length: count }, (_, i) => ({
    time: new Date(start + i * stepMinutes * 60_000),
    parameterCode,
    value: typeof value === 'function' ? value(i) : value,
    status: typeof status === 'function' ? status(i) : status,
  }));
}

/** A full local day (288 records) of a parameter whose value varies a little (never a flat-line). */
export function fullDay(parameterCode: string, day: string, base: number): Omit<NewReading, 'stationId'>[] {
  return series(parameterCode, `${day}T00:00`, 288, (i) => base + ((i % 7) - 3) * 0.01);
}

/** A fresh world per case: the engine and views over one database, and registry helpers. */
export class GoldenWorld {
  readonly engine: ComplianceEngine;
  readonly views: ComplianceViewsService;
  /** Readings, corrections and recompute marks as other features read them. */
  readonly reader: ReadingsReader;
  readonly registry: RegistryReader;
  /** Readings, corrections and recompute marks as the set writes them. */
  readonly writer: ReadingsWriter;
  readonly stationDays: ComplianceStationDaysRepository;
  readonly parameterDays: ComplianceParameterDaysRepository;
  readonly reviews: SetAsideReviewService;
  /** The moment the engine judges as of; null: the real clock. */
  clock: Date | null = null;
  /** The late-data window the engine keeps a closed day provisional for. */
  static readonly LATE_DATA_WINDOW_MS = 3_600_000;
  private seq = 0;
  private readonly admin: RegistryAdmin;

  constructor(
    db: Database,
    private readonly prefix: string,
  ) {
    this.reader = new ReadingsReader(db);
    this.registry = new RegistryReader(db);
    this.admin = new RegistryAdmin(db);
    this.writer = new ReadingsWriter(db);
    this.stationDays = new ComplianceStationDaysRepository(db);
    this.parameterDays = new ComplianceParameterDaysRepository(db);
    this.engine = new ComplianceEngine(db, this.reader, this.registry, this.writer, null, null, {
      lateDataWindowMs: GoldenWorld.LATE_DATA_WINDOW_MS,
      now: () => this.clock ?? new Date(),
    });
    this.views = new ComplianceViewsService(this.registry, new ComplianceReader(db), this.reader);
    this.reviews = new SetAsideReviewService(db, this.registry, this.engine);
  }

  /**
   * A park, optionally with a plant (of that status) and an outlet station; returns the station id. The
   * station registers a 5-minute cadence for every parameter (the set's convention), unless `cadences` says
   * 'defaults' (the seeded defaults: COD 15 min, NH4 30 min, ...) or gives its own.
   */
  async park(
    options: {
      parkStatus?: OperatingStatus;
      plantStatus?: OperatingStatus | null;
      cadences?: 'defaults' | Readonly<Record<string, number>>;
    } = {},
  ): Promise<{ parkCode: string; stationId: number | null }> {
    const n = ++this.seq;
    const parkCode = `${this.prefix}${n}`;
    const park = await this.admin.registerPark({
      code: parkCode,
      name: `Golden park ${n}`,
      operatingStatus: options.parkStatus ?? 'operating',
    });
    if (options.plantStatus === null) return { parkCode, stationId: null };
    const plant = await this.admin.registerTreatmentPlant({
      code: `${parkCode}-CETP`,
      parkId: park.id,
      name: `Golden CETP ${n}`,
      operatingStatus: options.plantStatus ?? 'operating',
    });
    const station = await this.admin.registerStation({
      code: `${parkCode}-OUT`,
      plantId: plant.id,
      name: 'outlet',
      kind: 'outlet',
    });
    const cadences =
      options.cadences === 'defaults'
        ? {}
        : (options.cadences ?? Object.fromEntries(WATER_PARAMETERS.map((p) => [p.code, 300])));
    for (const [code, seconds] of Object.entries(cadences))
      await this.admin.setStationCadence(station.id, code, seconds);
    return { parkCode, stationId: station.id };
  }

  async permit(stationId: number, input: Partial<DischargePermitInput>): Promise<void> {
    await this.admin.recordDischargePermit({
      stationId,
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      effectiveFrom: '2026-01-01',
      ...input,
    });
  }

  async store(stationId: number, rows: readonly Omit<NewReading, 'stationId'>[]): Promise<void> {
    await this.writer.insertReadings(rows.map((r) => ({ ...r, stationId })));
  }
}
