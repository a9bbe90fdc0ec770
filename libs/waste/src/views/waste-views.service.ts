import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError, localDayStart, Period, periodOf, PeriodKind } from '@hp/contracts';
import { RegistryReader } from '@hp/registry';
import { LotScope, LotVerdict, StoredWasteEvent, WasteLotRecord } from '../storage/waste.types';
import { WasteReader } from '../storage/waste-reader';
import { NonConformingLot, nonConformingLots, summarizeVerdicts, WasteKpi } from '../lifecycle/lot-summary';
import { DEFAULT_WASTE_POLICY, WASTE_POLICY, WastePolicy } from '../lifecycle/waste-policy';

export interface ParkWasteKpi extends WasteKpi {
  readonly parkCode: string;
  readonly parkName: string;
}

export interface WasteKpiView {
  readonly period: Period;
  /** The instant open lots were judged at against their deadlines. */
  readonly asOf: string;
  readonly policy: WastePolicy;
  readonly target: 1;
  readonly city: WasteKpi;
  readonly parks: readonly ParkWasteKpi[];
  /** Lots whose generator is not registered to a park (counted city-wide only). */
  readonly withoutPark: WasteKpi;
  /** The tracked lots of the period's whole year against what generators declared for it. */
  readonly declared: DeclaredWasteView;
}

/**
 * How a park or generator's hazardous waste is seen in a year: `tracked` (lots reported), `not_tracked`
 * (waste declared, no lot reported), `no_data` (neither declared nor tracked).
 */
export type WasteTracking = 'tracked' | 'not_tracked' | 'no_data';

/**
 * Tracked lots against declared generation. Shares are over the generators that declared: their tracked
 * kg / their declared kg, and their kg treated per regulation / their declared kg. Lots of generators
 * that declared nothing that year are counted apart (undeclaredTrackedKg), never in a share.
 */
export interface DeclaredFigures {
  /** Null when nothing was declared. */
  readonly declaredKg: number | null;
  /** Kg of the lots of the generators that declared. */
  readonly trackedKg: number;
  /** Of those, kg treated per regulation. */
  readonly compliantKg: number;
  /** trackedKg / declaredKg; null without a declaration (or a declaration of 0 kg). */
  readonly trackedShare: number | null;
  /** compliantKg / declaredKg. */
  readonly compliantShare: number | null;
  /** Kg of lots whose generator declared nothing for the year. */
  readonly undeclaredTrackedKg: number;
  /** Every lot of the year counted here, declared or not. */
  readonly lots: number;
}

export interface DeclaredWasteView {
  /** The calendar year compared (the one of the period's first day); lots judged at `asOf`. */
  readonly year: number;
  readonly city: DeclaredFigures;
  /** Every park, including those with no lot: they are not left out. */
  readonly parks: readonly (DeclaredFigures & {
    readonly parkCode: string;
    readonly parkName: string;
    readonly tracking: WasteTracking;
  })[];
  /** Every registered generator, with or without lots and declaration. */
  readonly generators: readonly (DeclaredFigures & {
    readonly generatorCode: string;
    readonly generatorName: string;
    readonly parkCode: string | null;
    readonly tracking: WasteTracking;
  })[];
}

export interface OpenLot {
  readonly lotCode: string;
  readonly generatorCode: string | null;
  readonly state: string;
  readonly kg: number;
  readonly storageDeadline: string | null;
  readonly manifestDeadline: string | null;
}

export interface ParkWasteView {
  readonly park: { readonly code: string; readonly name: string };
  readonly period: Period;
  readonly asOf: string;
  readonly kpi: WasteKpi;
  readonly nonConforming: readonly NonConformingLot[];
  /** Open lots within their deadlines, soonest deadline first. */
  readonly inProgress: readonly OpenLot[];
}

export interface LotView {
  readonly lot: WasteLotRecord;
  readonly standing: LotVerdict['standing'];
  readonly violations: LotVerdict['violations'];
  readonly storageDeadline: string | null;
  readonly manifestDeadline: string | null;
  readonly events: readonly StoredWasteEvent[];
}

export interface ManifestView {
  readonly manifestNumber: string;
  /** Closed when treatment of every lot on it is confirmed. */
  readonly status: 'open' | 'closed';
  readonly openedAt: string | null;
  readonly closedAt: string | null;
  readonly transporterCode: string | null;
  readonly facilityCode: string | null;
  readonly handedOverKg: number;
  readonly receivedKg: number;
  readonly lots: readonly { lotCode: string; standing: string; violations: LotVerdict['violations'] }[];
}

/** One waste code of one generator in a year, for the annual environmental-protection report. */
export interface AnnualWasteLine {
  readonly wasteCode: string | null;
  readonly generatedKg: number;
  readonly handedOverKg: number;
  readonly treatedKg: number;
  /** Still at the generator's storage on 31/12. */
  readonly storedAtYearEndKg: number;
  readonly nonConformingLots: number;
}

export interface AnnualWasteReport {
  readonly year: number;
  readonly park: { readonly code: string; readonly name: string } | null;
  readonly asOf: string;
  readonly generators: readonly {
    readonly generatorCode: string | null;
    readonly lines: readonly AnnualWasteLine[];
    readonly totals: Omit<AnnualWasteLine, 'wasteCode'>;
  }[];
  readonly totals: Omit<AnnualWasteLine, 'wasteCode'>;
}

/**
 * Read side of hazardous-waste tracking: the target's KPI city-wide and per park, a park's non-conforming
 * lots with their reasons, one lot's chain, one manifest, and the yearly figures of the annual reports.
 * Lots are judged when read, against the reference data and policy of now and deadlines at `asOf`.
 */
@Injectable()
export class WasteViewsService {
  constructor(
    private readonly waste: WasteReader,
    private readonly registry: RegistryReader,
    @Optional() @Inject(WASTE_POLICY) policy: WastePolicy | null,
  ) {
    this.policy = policy ?? DEFAULT_WASTE_POLICY;
  }

  private readonly policy: WastePolicy;

  async kpi(kind: PeriodKind, day: string, asOf = new Date()): Promise<WasteKpiView> {
    const period = periodOf(kind, day);
    const verdicts = await this.judge(
      { anchoredIn: { from: localDayStart(period.from), to: localDayStart(period.to) } },
      asOf,
    );
    const parks = await this.registry.parks.list();
    const byPark = new Map<number | null, LotVerdict[]>();
    for (const v of verdicts) byPark.set(v.lot.parkId, [...(byPark.get(v.lot.parkId) ?? []), v]);
    const year = Number(period.from.slice(0, 4));
    const yearVerdicts =
      kind === 'year'
        ? verdicts
        : await this.judge(
            {
              anchoredIn: { from: localDayStart(`${year}-01-01`), to: localDayStart(`${year + 1}-01-01`) },
            },
            asOf,
          );
    return {
      period,
      asOf: asOf.toISOString(),
      policy: this.policy,
      target: 1,
      city: summarizeVerdicts(verdicts),
      parks: parks
        .filter((p) => byPark.has(p.id))
        .map((p) => ({ parkCode: p.code, parkName: p.name, ...summarizeVerdicts(byPark.get(p.id)!) })),
      withoutPark: summarizeVerdicts(byPark.get(null) ?? []),
      declared: await this.declared(year, yearVerdicts, parks),
    };
  }

  /** The year's lots per generator and park against the generators' declarations of that year. */
  private async declared(
    year: number,
    verdicts: readonly LotVerdict[],
    parks: readonly { id: number; code: string; name: string }[],
  ): Promise<DeclaredWasteView> {
    const generators = (await this.waste.parties.list()).filter((p) => p.kind === 'generator');
    const declaredKg = new Map(
      (await this.waste.parties.declarations(year)).map((d) => [d.generatorCode, d.declaredKg]),
    );
    const lotsOf = new Map<string, LotVerdict[]>();
    for (const v of verdicts) {
      const key = v.lot.generatorCode ?? '';
      lotsOf.set(key, [...(lotsOf.get(key) ?? []), v]);
    }
    const parkCode = new Map(parks.map((p) => [p.id, p.code]));
    const generatorRows = generators.map((g) => {
      const figures = declaredFigures([g.code], lotsOf, declaredKg);
      return {
        generatorCode: g.code,
        generatorName: g.name,
        parkCode: g.parkId === null ? null : (parkCode.get(g.parkId) ?? null),
        tracking: trackingOf(figures),
        ...figures,
      };
    });
    // A lot names its generator; one not registered (or not at all) is counted at the lot's own park.
    const registered = new Set(generators.map((g) => g.code));
    const parkRows = parks.map((p) => {
      const codes = generators.filter((g) => g.parkId === p.id).map((g) => g.code);
      const strays = verdicts.filter(
        (v) => v.lot.parkId === p.id && !registered.has(v.lot.generatorCode ?? ''),
      );
      const figures = declaredFigures(codes, lotsOf, declaredKg, strays);
      return { parkCode: p.code, parkName: p.name, tracking: trackingOf(figures), ...figures };
    });
    const allStrays = verdicts.filter((v) => !registered.has(v.lot.generatorCode ?? ''));
    return {
      year,
      city: declaredFigures(
        generators.map((g) => g.code),
        lotsOf,
        declaredKg,
        allStrays,
      ),
      parks: parkRows,
      generators: generatorRows,
    };
  }

  async park(parkCode: string, kind: PeriodKind, day: string, asOf = new Date()): Promise<ParkWasteView> {
    const park = await this.registry.parks.findByCode(parkCode);
    if (!park) throw new DomainError('NOT_FOUND', `no park ${JSON.stringify(parkCode)}`);
    const period = periodOf(kind, day);
    const verdicts = await this.judge(
      { anchoredIn: { from: localDayStart(period.from), to: localDayStart(period.to), parkId: park.id } },
      asOf,
    );
    const inProgress = verdicts
      .filter((v) => v.standing === 'in_progress')
      .map((v) => ({
        lotCode: v.lot.lotCode,
        generatorCode: v.lot.generatorCode,
        state: v.lot.state,
        kg: v.kg,
        storageDeadline: v.storageDeadline?.toISOString() ?? null,
        manifestDeadline: v.manifestDeadline?.toISOString() ?? null,
      }))
      .sort((a, b) => (deadline(a) < deadline(b) ? -1 : 1));
    return {
      park: { code: park.code, name: park.name },
      period,
      asOf: asOf.toISOString(),
      kpi: summarizeVerdicts(verdicts),
      nonConforming: nonConformingLots(verdicts),
      inProgress,
    };
  }

  async lot(lotCode: string, asOf = new Date()): Promise<LotView> {
    const [verdict] = await this.judge({ lotCode }, asOf);
    if (!verdict) throw new DomainError('NOT_FOUND', `no hazardous-waste lot ${JSON.stringify(lotCode)}`);
    return {
      lot: verdict.lot,
      standing: verdict.standing,
      violations: verdict.violations,
      storageDeadline: verdict.storageDeadline?.toISOString() ?? null,
      manifestDeadline: verdict.manifestDeadline?.toISOString() ?? null,
      events: await this.waste.events.listForLot(lotCode),
    };
  }

  async manifest(manifestNumber: string, asOf = new Date()): Promise<ManifestView> {
    const verdicts = (await this.judge({ manifestNumber }, asOf)).sort((a, b) =>
      a.lot.lotCode < b.lot.lotCode ? -1 : 1,
    );
    if (verdicts.length === 0)
      throw new DomainError('NOT_FOUND', `no manifest ${JSON.stringify(manifestNumber)}`);
    const lots = verdicts.map((v) => v.lot);
    const closed = lots.every((l) => l.treatedAt !== null);
    const handovers = lots.flatMap((l) => (l.handedOverAt ? [l.handedOverAt.getTime()] : []));
    return {
      manifestNumber,
      status: closed ? 'closed' : 'open',
      openedAt: handovers.length > 0 ? new Date(Math.min(...handovers)).toISOString() : null,
      closedAt: closed ? new Date(Math.max(...lots.map((l) => l.treatedAt!.getTime()))).toISOString() : null,
      transporterCode: lots[0].transporterCode,
      facilityCode: lots[0].facilityCode,
      handedOverKg: sum(lots.map((l) => l.handedOverKg ?? 0)),
      receivedKg: sum(lots.map((l) => l.receivedKg ?? 0)),
      lots: verdicts.map((v) => ({ lotCode: v.lot.lotCode, standing: v.standing, violations: v.violations })),
    };
  }

  /**
   * A year's hazardous-waste figures per generator and waste code (Circular 02/2022 Art. 66 annual report;
   * Mau 06 for park operators): generated, handed over and treated during the year, still stored at its
   * end, and the lots found non-conforming. For one park, or every park when parkCode is absent.
   */
  async annualReport(year: number, parkCode?: string, asOf = new Date()): Promise<AnnualWasteReport> {
    const park = parkCode === undefined ? null : await this.registry.parks.findByCode(parkCode);
    if (parkCode !== undefined && !park)
      throw new DomainError('NOT_FOUND', `no park ${JSON.stringify(parkCode)}`);
    const from = localDayStart(`${year}-01-01`);
    const to = localDayStart(`${year + 1}-01-01`);
    const verdicts = await this.judge({ activeIn: { from, to, parkId: park?.id } }, asOf);
    const within = (at: Date | null): boolean => at !== null && at >= from && at < to;
    const lines = new Map<string, Map<string, AnnualWasteLine>>();
    for (const v of verdicts) {
      const l = v.lot;
      const generator = l.generatorCode ?? '';
      const code = l.wasteCode ?? '';
      const byCode = lines.get(generator) ?? new Map<string, AnnualWasteLine>();
      lines.set(generator, byCode);
      const left = l.handedOverAt ?? l.receivedAt ?? l.treatedAt;
      byCode.set(
        code,
        add(byCode.get(code) ?? emptyLine(l.wasteCode), {
          generatedKg: within(l.anchorAt) ? v.kg : 0,
          handedOverKg: within(l.handedOverAt) ? (l.handedOverKg ?? 0) : 0,
          treatedKg: within(l.treatedAt) ? v.kg : 0,
          storedAtYearEndKg: l.anchorAt < to && (left === null || left >= to) ? v.kg : 0,
          nonConformingLots: v.standing === 'non_conforming' ? 1 : 0,
        }),
      );
    }
    const generators = [...lines.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([generator, byCode]) => {
        const sorted = [...byCode.values()].sort((a, b) =>
          (a.wasteCode ?? '').localeCompare(b.wasteCode ?? ''),
        );
        return { generatorCode: generator || null, lines: sorted, totals: totalOf(sorted) };
      });
    return {
      year,
      park: park ? { code: park.code, name: park.name } : null,
      asOf: asOf.toISOString(),
      generators,
      totals: totalOf(generators.map((g) => g.totals)),
    };
  }

  /** The lots of a scope judged by the one rule (SQL waste_lot_judgement) under this policy at asOf. */
  private judge(scope: LotScope, asOf: Date): Promise<LotVerdict[]> {
    return this.waste.lots.judge(scope, { asOf, ...this.policy });
  }
}

/**
 * The declared figures of a set of generators: tracked and compliant kg of those that declared, against
 * their declared kg; lots of the others (and `strays`, lots of no registered generator) apart.
 */
function declaredFigures(
  generatorCodes: readonly string[],
  lotsOf: ReadonlyMap<string, readonly LotVerdict[]>,
  declaredKg: ReadonlyMap<string, number>,
  strays: readonly LotVerdict[] = [],
): DeclaredFigures {
  let declared: number | null = null;
  const tracked: number[] = [];
  const compliant: number[] = [];
  const undeclared: number[] = strays.map((v) => v.kg);
  let lotCount = strays.length;
  for (const code of generatorCodes) {
    const lots = lotsOf.get(code) ?? [];
    lotCount += lots.length;
    const kg = declaredKg.get(code);
    if (kg === undefined) {
      undeclared.push(...lots.map((v) => v.kg));
      continue;
    }
    declared = sum([declared ?? 0, kg]);
    tracked.push(...lots.map((v) => v.kg));
    compliant.push(...lots.filter((v) => v.standing === 'treated_conforming').map((v) => v.kg));
  }
  const trackedKg = sum(tracked);
  const compliantKg = sum(compliant);
  const share = (kg: number) =>
    declared !== null && declared > 0 ? Math.round((kg / declared) * 10000) / 10000 : null;
  return {
    declaredKg: declared,
    trackedKg,
    compliantKg,
    trackedShare: share(trackedKg),
    compliantShare: share(compliantKg),
    undeclaredTrackedKg: sum(undeclared),
    lots: lotCount,
  };
}

function trackingOf(figures: DeclaredFigures): WasteTracking {
  if (figures.lots > 0) return 'tracked';
  return figures.declaredKg !== null && figures.declaredKg > 0 ? 'not_tracked' : 'no_data';
}

function deadline(lot: OpenLot): string {
  return lot.manifestDeadline ?? lot.storageDeadline ?? '9999';
}

type Figures = Omit<AnnualWasteLine, 'wasteCode'>;

function emptyLine(wasteCode: string | null): AnnualWasteLine {
  return {
    wasteCode,
    generatedKg: 0,
    handedOverKg: 0,
    treatedKg: 0,
    storedAtYearEndKg: 0,
    nonConformingLots: 0,
  };
}

function add<T extends Figures>(line: T, more: Figures): T {
  return {
    ...line,
    generatedKg: sum([line.generatedKg, more.generatedKg]),
    handedOverKg: sum([line.handedOverKg, more.handedOverKg]),
    treatedKg: sum([line.treatedKg, more.treatedKg]),
    storedAtYearEndKg: sum([line.storedAtYearEndKg, more.storedAtYearEndKg]),
    nonConformingLots: line.nonConformingLots + more.nonConformingLots,
  };
}

function totalOf(lines: readonly Figures[]): Figures {
  const { wasteCode: _none, ...zero } = emptyLine(null);
  return lines.reduce<Figures>((total, line) => add(total, line), zero);
}

/** Sums kg to the gram, so float noise does not show in reports. */
function sum(values: readonly number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) * 1000) / 1000;
}
