import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError, WATER_PARAMETER_CODES } from '@hp/contracts';
import { DischargePermitsRepository, StationsRepository } from '@hp/storage';
import { STANDARDS_CATALOGUE } from '../compliance-engine.service';
import { permitLimit } from '../standards/permit-limits';
import { shippedCatalogue, StandardsCatalogue } from '../standards/standards-catalogue';

export interface StationLimitsView {
  readonly stationId: number;
  readonly day: string;
  /** The permit in force that day; null: none (nothing to draw). */
  readonly permit: {
    readonly number: string | null;
    readonly standard: string;
    readonly column: string;
  } | null;
  /** Every water parameter the permit limits, with Cmax (or the range) and where it comes from. */
  readonly limits: readonly { parameter: string; min: number | null; max: number | null; basis: string }[];
}

/** The limits of a station's permit on a day, for charts (the limit line) and inspectors. */
@Injectable()
export class PermitLimitsService {
  private readonly catalogue: StandardsCatalogue;

  constructor(
    private readonly permits: DischargePermitsRepository,
    private readonly stations: StationsRepository,
    @Optional() @Inject(STANDARDS_CATALOGUE) catalogue: StandardsCatalogue | null,
  ) {
    this.catalogue = catalogue ?? shippedCatalogue();
  }

  async forStation(stationId: number, day: string): Promise<StationLimitsView> {
    if (!(await this.stations.listRefs()).some((s) => s.id === stationId))
      throw new DomainError('NOT_FOUND', `no station ${stationId}`);
    const permit = await this.permits.findEffective(stationId, day);
    if (!permit) return { stationId, day, permit: null, limits: [] };
    const limits = WATER_PARAMETER_CODES.flatMap((parameter) => {
      const limit = permitLimit(this.catalogue, permit, parameter);
      return limit && (limit.min !== null || limit.max !== null)
        ? [{ parameter, min: limit.min, max: limit.max, basis: limit.basis }]
        : [];
    });
    return {
      stationId,
      day,
      permit: { number: permit.permitNumber, standard: permit.standardVersion, column: permit.columnCode },
      limits,
    };
  }
}
