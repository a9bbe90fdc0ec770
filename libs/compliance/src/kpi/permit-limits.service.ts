import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError, WATER_PARAMETER_CODES } from '@hp/contracts';
import { DischargePermit, KfSource, RegistryReader } from '@hp/registry';
import { STANDARDS_CATALOGUE } from '../compliance-engine.service';
import { permitKfBand, permitLimit } from '../standards/permit-limits';
import { shippedCatalogue, StandardsCatalogue } from '../standards/standards-catalogue';

/**
 * Why a parameter is not judged under a permit: the permit does not list it, or it lists it but neither
 * the permit nor its standard's column sets a limit for it.
 */
export type NotJudgedReason = 'NOT_IN_PERMIT' | 'NO_LIMIT';

export interface StationLimitsView {
  readonly stationId: number;
  readonly day: string;
  /** The permit in force that day; null: none (nothing to draw). */
  readonly permit: {
    readonly number: string | null;
    readonly standard: string;
    readonly column: string;
    readonly kq: number | null;
    readonly kf: number | null;
    /** 'flow_table': derived from permittedFlowM3PerDay; 'explicit': stated with kfReason; null: not recorded. */
    readonly kfSource: KfSource | null;
    readonly kfReason: string | null;
    readonly permittedFlowM3PerDay: number | null;
    /** The discharge-flow band (m3/day, above < F <= upTo) the permit's Kf holds for; null: none known. */
    readonly kfBand: { readonly aboveM3PerDay: number | null; readonly upToM3PerDay: number | null } | null;
  } | null;
  /** The parameters the permit judges, each with its exact Cmax (or range) and where it comes from. */
  readonly limits: readonly { parameter: string; min: number | null; max: number | null; basis: string }[];
  /** The other water parameters: not judged under this permit, and why. */
  readonly notJudged: readonly { parameter: string; reason: NotJudgedReason }[];
}

/** The limits of a station's permit on a day, for charts (the limit line) and inspectors. */
@Injectable()
export class PermitLimitsService {
  private readonly catalogue: StandardsCatalogue;

  constructor(
    private readonly registry: RegistryReader,
    @Optional() @Inject(STANDARDS_CATALOGUE) catalogue: StandardsCatalogue | null,
  ) {
    this.catalogue = catalogue ?? shippedCatalogue();
  }

  /**
   * What a permit judges: each of its parameters that has a limit, at its exact Cmax (or range), and the
   * other water parameters as not judged. The one reading of a permit's limits for charts and alerts.
   */
  judged(permit: DischargePermit): Pick<StationLimitsView, 'limits' | 'notJudged'> {
    const limits: StationLimitsView['limits'][number][] = [];
    const notJudged: StationLimitsView['notJudged'][number][] = [];
    // The permit's own parameters first (in its order), then the rest of the vocabulary.
    const codes = [...new Set([...permit.parameters, ...WATER_PARAMETER_CODES])];
    for (const parameter of codes) {
      if (!permit.parameters.includes(parameter)) {
        notJudged.push({ parameter, reason: 'NOT_IN_PERMIT' });
        continue;
      }
      const limit = permitLimit(this.catalogue, permit, parameter);
      if (limit && (limit.min !== null || limit.max !== null))
        limits.push({ parameter, min: limit.min, max: limit.max, basis: limit.basis });
      else notJudged.push({ parameter, reason: 'NO_LIMIT' });
    }
    return { limits, notJudged };
  }

  async forStation(stationId: number, day: string): Promise<StationLimitsView> {
    if (!(await this.registry.stations.listRefs()).some((s) => s.id === stationId))
      throw new DomainError('NOT_FOUND', `no station ${stationId}`);
    const permit = await this.registry.permits.findEffective(stationId, day);
    if (!permit) return { stationId, day, permit: null, limits: [], notJudged: [] };
    const { limits, notJudged } = this.judged(permit);
    const band = permitKfBand(this.catalogue, permit);
    return {
      stationId,
      day,
      permit: {
        number: permit.permitNumber,
        standard: permit.standardVersion,
        column: permit.columnCode,
        kq: permit.kq,
        kf: permit.kf,
        kfSource: permit.kfSource,
        kfReason: permit.kfReason,
        permittedFlowM3PerDay: permit.permittedFlowM3PerDay,
        kfBand: band ? { aboveM3PerDay: band.above, upToM3PerDay: band.upTo } : null,
      },
      limits,
      notJudged,
    };
  }
}
