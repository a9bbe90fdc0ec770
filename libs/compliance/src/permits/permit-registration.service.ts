import { Inject, Injectable, Optional } from '@nestjs/common';
import { AuditTrail } from '@hp/audit';
import { addDays, DomainError, localDayOf, refuseFields } from '@hp/contracts';
import { ReadingsWriter } from '@hp/readings';
import { DischargePermit, DischargePermitInput, RegistryAdmin, RegistryReader } from '@hp/registry';
import { Database, DATABASE, isUniqueViolation, SqlExecutor } from '@hp/storage';
import { STANDARDS_CATALOGUE } from '../compliance-engine.service';
import { KfProblem, resolveKf } from '../standards/permit-limits';
import { shippedCatalogue, StandardsCatalogue } from '../standards/standards-catalogue';
import { NewPermitBody, PermitVersionBody } from './permit.schemas';

/** The field a Kf problem is about, for the 400 that names it. */
const KF_PROBLEM_FIELD: Readonly<Record<KfProblem['code'], string>> = {
  KF_REASON_REQUIRED: 'kfReason',
  KF_FLOW_OR_EXPLICIT_REQUIRED: 'permittedFlowM3PerDay',
  KF_NO_TABLE: 'permittedFlowM3PerDay',
};

/** A concurrent change the overlap check could not see is the same 409 as one it did see. */
function concurrentOverlap(error: unknown): never {
  // A unique violation: another permit in force was recorded on the same first day meanwhile.
  if (isUniqueViolation(error))
    throw new DomainError(
      'CONFLICT',
      'another permit of the station was recorded over these days meanwhile',
      {
        reason: 'PERMIT_OVERLAP',
        field: 'effectiveFrom',
      },
    );
  throw error;
}

/** Days [from, to) of a permit's validity that can have been judged: up to today. */
function judgedDaysOf(from: string, to: string | null, today: string): string[] {
  const end = to !== null && to < addDays(today, 1) ? to : addDays(today, 1);
  const days: string[] = [];
  for (let day = from; day < end; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * Discharge permits (GPMT) recorded through the API (issue 18.2): a new permit, or a corrected version that
 * supersedes one (the old row stays in the history, applying to no day). The permit, its audit entry and the
 * recompute marks of every station-day it changes commit together, so the compliance worker judges those
 * days again against it; nothing caches permits (the engine and PermitLimitsService read them per use).
 */
@Injectable()
export class PermitRegistrationService {
  private readonly catalogue: StandardsCatalogue;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly registry: RegistryReader,
    @Optional() @Inject(STANDARDS_CATALOGUE) catalogue: StandardsCatalogue | null,
  ) {
    this.catalogue = catalogue ?? shippedCatalogue();
  }

  /** A station's permits, superseded versions too. @throws DomainError NOT_FOUND for an unknown station. */
  async history(stationId: number): Promise<DischargePermit[]> {
    if (!(await this.registry.stations.findById(stationId))) throw DomainError.notFound('station', stationId);
    return this.registry.permits.history(stationId);
  }

  async get(permitId: number): Promise<DischargePermit> {
    const permit = await this.registry.permits.findById(permitId);
    if (!permit) throw DomainError.notFound('permit', permitId);
    return permit;
  }

  /**
   * Records a station's permit from its first day; an open-ended earlier permit ends that day.
   * @throws DomainError NOT_FOUND (station), INVALID_ARGUMENT naming the field, CONFLICT (PERMIT_OVERLAP)
   * when it would overlap another permit in force.
   */
  async add(stationId: number, body: NewPermitBody, actor: string): Promise<DischargePermit> {
    const input = this.inputOf(stationId, body, this.kfOf(body, null));
    return this.db
      .transaction(async (tx) => {
        const station = await this.station(tx, stationId);
        const inForce = await new RegistryReader(tx).permits.listByStation(stationId);
        this.refuseOverlap(input, inForce, 'close-open-earlier');
        const before =
          inForce.find((p) => p.effectiveFrom < input.effectiveFrom && p.effectiveTo === null) ?? null;
        const added = await new RegistryAdmin(tx).recordDischargePermit(input);
        await this.markChangedDays(tx, stationId, [[added.effectiveFrom, added.effectiveTo]]);
        await new AuditTrail(tx).append({
          actor,
          action: 'permit.add',
          subject: `station:${station.code}`,
          before,
          after: added,
        });
        return added;
      })
      .catch(concurrentOverlap);
  }

  /**
   * A corrected version of a permit in force, over the days the body gives (default: the same days); what
   * the body leaves out is taken from the old version. The old version stays in the history, superseded.
   */
  async supersede(permitId: number, body: PermitVersionBody, actor: string): Promise<DischargePermit> {
    return this.db
      .transaction(async (tx) => {
        const old = await new RegistryReader(tx).permits.findById(permitId);
        if (!old) throw DomainError.notFound('permit', permitId);
        if (old.supersededAt !== null)
          throw new DomainError(
            'CONFLICT',
            `permit ${permitId} was superseded already; correct its latest version`,
            {
              reason: 'PERMIT_SUPERSEDED',
              permitId,
            },
          );
        const station = await this.station(tx, old.stationId);
        const merged: NewPermitBody = {
          permitNumber: body.permitNumber ?? old.permitNumber ?? '',
          standardVersion: body.standardVersion ?? old.standardVersion,
          columnCode: body.columnCode ?? old.columnCode,
          kq: body.kq !== undefined ? body.kq : old.kq,
          parameters: body.parameters ?? old.parameters,
          limits: body.limits ?? old.limits,
          windows: body.windows ?? old.windows,
          minCapture: body.minCapture ?? old.minCapture,
          flatlineRecords: body.flatlineRecords ?? old.flatlineRecords,
          effectiveFrom: body.effectiveFrom ?? old.effectiveFrom,
          effectiveTo: body.effectiveTo !== undefined ? body.effectiveTo : old.effectiveTo,
          documentRef: body.documentRef !== undefined ? body.documentRef : old.documentRef,
        };
        const input = this.inputOf(old.stationId, merged, this.kfOf(body, old));
        const others = (await new RegistryReader(tx).permits.listByStation(old.stationId)).filter(
          (p) => p.id !== old.id,
        );
        this.refuseOverlap(input, others, 'refuse');
        const added = await new RegistryAdmin(tx).supersedeDischargePermit(old.id, input);
        await this.markChangedDays(tx, old.stationId, [
          [old.effectiveFrom, old.effectiveTo],
          [added.effectiveFrom, added.effectiveTo],
        ]);
        await new AuditTrail(tx).append({
          actor,
          action: 'permit.supersede',
          subject: `station:${station.code}`,
          before: old,
          after: { ...added, reason: body.reason ?? null },
        });
        return added;
      })
      .catch(concurrentOverlap);
  }

  /** The Kf inputs: the body's when it states any, else the old version's (for a correction). */
  private kfOf(
    body: PermitVersionBody,
    old: DischargePermit | null,
  ): { flowM3PerDay?: number; kf?: number; kfReason?: string } {
    if (
      body.kf !== undefined ||
      body.kfReason !== undefined ||
      body.permittedFlowM3PerDay !== undefined ||
      !old
    )
      return { flowM3PerDay: body.permittedFlowM3PerDay, kf: body.kf, kfReason: body.kfReason };
    const flowM3PerDay = old.permittedFlowM3PerDay ?? undefined;
    return old.kfSource === 'explicit' && old.kf !== null
      ? { flowM3PerDay, kf: old.kf, kfReason: old.kfReason ?? undefined }
      : { flowM3PerDay };
  }

  /** The permit as the registry records it, its standard, column, Kf and own limits checked. */
  private inputOf(
    stationId: number,
    body: NewPermitBody,
    kfInput: { flowM3PerDay?: number; kf?: number; kfReason?: string },
  ): DischargePermitInput {
    const standard = this.catalogue.standard(body.standardVersion);
    if (!standard)
      refuseFields([
        { field: 'standardVersion', problem: `must be one of ${this.catalogue.versions.join(', ')}` },
      ]);
    if (!standard.columns.includes(body.columnCode))
      refuseFields([
        {
          field: 'columnCode',
          problem: `must be one of ${standard.columns.join(', ')} for ${standard.version}`,
        },
      ]);
    if (body.effectiveTo && body.effectiveTo <= body.effectiveFrom)
      refuseFields([{ field: 'effectiveTo', problem: 'must be after effectiveFrom' }]);
    const limits = body.limits ?? [];
    const seen = new Set<string>();
    for (const limit of limits) {
      if (!body.parameters.includes(limit.parameterCode))
        refuseFields([
          {
            field: 'limits',
            problem: `name ${limit.parameterCode}, which is not among the judged parameters`,
          },
        ]);
      if (seen.has(limit.parameterCode))
        refuseFields([{ field: 'limits', problem: `give ${limit.parameterCode} more than once` }]);
      seen.add(limit.parameterCode);
      const { min = null, max = null } = limit;
      if (min !== null && max !== null && min > max)
        refuseFields([{ field: 'limits', problem: `give ${limit.parameterCode} a min above its max` }]);
      if (min === null && max === null && !limit.windows && (limit.flatlineRecords ?? null) === null)
        refuseFields([
          {
            field: 'limits',
            problem: `give ${limit.parameterCode} no rule (min, max, windows or flatlineRecords)`,
          },
        ]);
    }
    const settled = resolveKf(this.catalogue, standard.version, kfInput);
    if ('problem' in settled)
      throw new DomainError(
        'INVALID_ARGUMENT',
        `${KF_PROBLEM_FIELD[settled.problem.code]}: ${settled.problem.code === 'KF_REASON_REQUIRED' ? 'an explicit kf needs its kfReason' : `${standard.version} derives Kf from the permitted flow: give permittedFlowM3PerDay (within its Kf table), or kf with kfReason`}`,
        { field: KF_PROBLEM_FIELD[settled.problem.code], reason: settled.problem.code },
      );
    const kf = settled.kf;
    return {
      stationId,
      permitNumber: body.permitNumber,
      standardVersion: standard.version,
      columnCode: body.columnCode,
      kq: body.kq ?? null,
      kf: kf?.kf ?? null,
      kfSource: kf?.kfSource ?? null,
      kfReason: kf?.kfReason ?? null,
      permittedFlowM3PerDay: kf?.permittedFlowM3PerDay ?? null,
      effectiveFrom: body.effectiveFrom,
      effectiveTo: body.effectiveTo ?? null,
      parameters: body.parameters,
      windows: body.windows,
      minCapture: body.minCapture,
      flatlineRecords: body.flatlineRecords,
      limits: limits.map((l) => ({
        parameterCode: l.parameterCode,
        min: l.min ?? null,
        max: l.max ?? null,
        windows: l.windows ?? null,
        flatlineRecords: l.flatlineRecords ?? null,
      })),
      documentRef: body.documentRef ?? null,
    };
  }

  /**
   * One permit in force per station-day: a permit starting inside the new one's days, or one whose days run
   * into its first day, is a 409, except (for a new permit) an open-ended earlier one, which it ends.
   */
  private refuseOverlap(
    input: DischargePermitInput,
    inForce: readonly DischargePermit[],
    openEarlier: 'close-open-earlier' | 'refuse',
  ): void {
    const from = input.effectiveFrom;
    const to = input.effectiveTo ?? null;
    const clash = inForce.find((p) =>
      p.effectiveFrom >= from
        ? to === null || p.effectiveFrom < to
        : p.effectiveTo === null
          ? openEarlier === 'refuse'
          : p.effectiveTo > from,
    );
    if (clash)
      throw new DomainError(
        'CONFLICT',
        `permit ${clash.id} (${clash.effectiveFrom} to ${clash.effectiveTo ?? 'open'}) is in force over these days`,
        { reason: 'PERMIT_OVERLAP', permitId: clash.id, field: 'effectiveFrom' },
      );
  }

  /** Marks every station-day of these [from, to) spans up to today for the compliance worker to judge again. */
  private async markChangedDays(
    tx: SqlExecutor,
    stationId: number,
    spans: readonly (readonly [string, string | null])[],
  ): Promise<void> {
    const today = localDayOf(new Date());
    const days = new Set(spans.flatMap(([from, to]) => judgedDaysOf(from, to, today)));
    await new ReadingsWriter(tx, this.db.features).markForRecompute(
      [...days].map((day) => ({ stationId, day })),
    );
  }

  private async station(tx: SqlExecutor, stationId: number) {
    const station = await new RegistryReader(tx).stations.findById(stationId);
    if (!station) throw DomainError.notFound('station', stationId);
    return station;
  }
}
