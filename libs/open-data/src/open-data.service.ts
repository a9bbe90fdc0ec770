import { Inject, Injectable } from '@nestjs/common';
import { localDayOf, PeriodKind } from '@hp/contracts';
import { ComplianceReader, ComplianceViewsService } from '@hp/compliance';
import { WasteViewsService } from '@hp/waste';
import { OPEN_DATA_SETTINGS, OpenDataSettings } from './open-data-settings';
import { ParkDay, parkDays } from './park-days';

/** Where each answer comes from and under which terms it may be reused. */
export interface OpenDataEnvelope<T> {
  readonly dataset: string;
  readonly licence: { readonly name: string; readonly url: string };
  readonly publisher: string;
  readonly generatedAt: string;
  readonly data: T;
}

/** Both 2030 targets over one period: aggregates only, no device data and no person. */
export interface OpenKpi {
  readonly wastewater: {
    readonly period: { readonly kind: PeriodKind; readonly from: string; readonly to: string };
    readonly daysJudged: number;
    readonly operatingParks: number;
    readonly parksMeetingStandard: number;
    readonly share: number | null;
    readonly target: { readonly share: 1; readonly by: string };
    /** Some park's standing rests on a provisional day (today judged so far, or inside its late-data window). */
    readonly provisional: boolean;
    readonly notMeeting: readonly {
      parkCode: string;
      parkName: string;
      status: string;
      provisional: boolean;
    }[];
    readonly monthlyTrend: readonly {
      month: string;
      operatingParks: number;
      parksMeetingStandard: number;
      share: number | null;
    }[];
  };
  readonly hazardousWaste: {
    readonly generatedKg: number;
    readonly treatedPerRegulationKg: number;
    readonly share: number | null;
    readonly target: 1;
    readonly parks: readonly {
      parkCode: string;
      parkName: string;
      generatedKg: number;
      treatedPerRegulationKg: number;
      share: number | null;
    }[];
    /**
     * The period's year: tracked and per-regulation kg against the generators' declared annual generation
     * (Circular 02/2022 annual report), per park too, with parks that track nothing shown as such.
     */
    readonly declared: {
      readonly year: number;
      readonly declaredKg: number | null;
      readonly trackedKg: number;
      readonly treatedPerRegulationKg: number;
      readonly trackedShare: number | null;
      readonly treatedPerRegulationShare: number | null;
      readonly parks: readonly {
        parkCode: string;
        parkName: string;
        tracking: string;
        declaredKg: number | null;
        trackedShare: number | null;
        treatedPerRegulationShare: number | null;
      }[];
    };
  };
}

export const PUBLISHER = 'Hai Phong Economic Zone Authority (HEZA): industrial-park environmental compliance';

/** The public datasets, built from the same views the officers see, with everything personal left out. */
@Injectable()
export class OpenDataService {
  constructor(
    private readonly compliance: ComplianceViewsService,
    private readonly waste: WasteViewsService,
    private readonly judged: ComplianceReader,
    @Inject(OPEN_DATA_SETTINGS) private readonly settings: OpenDataSettings,
  ) {}

  envelope<T>(dataset: string, data: T): OpenDataEnvelope<T> {
    return {
      dataset,
      licence: { name: this.settings.licence, url: this.settings.licenceUrl },
      publisher: PUBLISHER,
      generatedAt: new Date().toISOString(),
      data,
    };
  }

  /** Every park's standing on each day of [from, to), flagged provisional where it may still change. */
  async parksDaily(from: string, to: string, today = localDayOf(new Date())): Promise<ParkDay[]> {
    const units = await this.compliance.parkUnits();
    const ids = units.flatMap((u) => u.outlets.map((o) => o.stationId));
    // The per-station read carries each verdict's provisional flag (the bulk verdicts() read does not).
    const verdicts = await Promise.all(ids.map((id) => this.judged.stationDays.listForStation(id, from, to)));
    return parkDays(units, verdicts.flat(), from, to, today);
  }

  async kpi(kind: PeriodKind, day: string): Promise<OpenKpi> {
    const [water, waste] = await Promise.all([this.compliance.kpi(kind, day), this.waste.kpi(kind, day)]);
    return {
      wastewater: {
        period: water.period,
        daysJudged: water.daysJudged,
        operatingParks: water.operatingParks,
        parksMeetingStandard: water.parksMeetingStandard,
        share: water.share,
        target: water.target,
        provisional: water.provisional,
        // Reasons name stations and values: officers' detail, not open data.
        notMeeting: water.notMeeting.map((p) => ({
          parkCode: p.parkCode,
          parkName: p.parkName,
          status: p.status,
          provisional: p.provisional,
        })),
        monthlyTrend: water.monthlyTrend,
      },
      hazardousWaste: {
        generatedKg: waste.city.generatedKg,
        treatedPerRegulationKg: waste.city.treatedConformingKg,
        share: waste.city.share,
        target: waste.target,
        parks: waste.parks.map((p) => ({
          parkCode: p.parkCode,
          parkName: p.parkName,
          generatedKg: p.generatedKg,
          treatedPerRegulationKg: p.treatedConformingKg,
          share: p.share,
        })),
        // Aggregates per park only: generators are firms, named in the officers' views, not here.
        declared: {
          year: waste.declared.year,
          declaredKg: waste.declared.city.declaredKg,
          trackedKg: waste.declared.city.trackedKg,
          treatedPerRegulationKg: waste.declared.city.compliantKg,
          trackedShare: waste.declared.city.trackedShare,
          treatedPerRegulationShare: waste.declared.city.compliantShare,
          parks: waste.declared.parks.map((p) => ({
            parkCode: p.parkCode,
            parkName: p.parkName,
            tracking: p.tracking,
            declaredKg: p.declaredKg,
            trackedShare: p.trackedShare,
            treatedPerRegulationShare: p.compliantShare,
          })),
        },
      },
    };
  }
}
