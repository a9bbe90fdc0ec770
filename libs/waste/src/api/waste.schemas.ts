import { apiSchema, json, PERIOD_SCHEMA, WASTE_REASON_CODES } from '@hp/contracts';
import {
  LOT_STANDINGS,
  WASTE_LOT_STATES,
  WASTE_PARTY_KINDS,
  WASTE_THRESHOLD_CLASSES,
} from '../storage/waste.types';

/** The response schemas of the waste routes (served in OpenAPI; the dashboard's types come from them). */

const kg = json.number();
const nullableKg = json.nullable(json.number());
const share = json.nullable(json.number());
const nullableText = json.nullable(json.string());
const nullableTime = json.nullable(json.dateTime());

export const WASTE_KPI_SCHEMA = apiSchema(
  'WasteKpi',
  json.object({
    lots: json.integer(),
    generatedKg: kg,
    treatedConformingLots: json.integer(),
    treatedConformingKg: kg,
    nonConformingLots: json.integer(),
    nonConformingKg: kg,
    inProgressLots: json.integer(),
    inProgressKg: kg,
    share: {
      ...share,
      description: 'treatedConformingKg / generatedKg (target 1); null when nothing was generated',
    },
    shareOfSettled: share,
  }),
);

const parkNamed = json.object({ parkCode: json.string(), parkName: json.string() });

export const PARK_WASTE_KPI_SCHEMA = apiSchema('ParkWasteKpi', {
  allOf: [WASTE_KPI_SCHEMA, parkNamed],
});

export const WASTE_TRACKING_SCHEMA = apiSchema(
  'WasteTracking',
  json.oneOf(['tracked', 'not_tracked', 'no_data']),
);

export const DECLARED_FIGURES_SCHEMA = apiSchema(
  'DeclaredFigures',
  json.object({
    declaredKg: nullableKg,
    trackedKg: kg,
    compliantKg: kg,
    trackedShare: share,
    compliantShare: share,
    undeclaredTrackedKg: kg,
    lots: json.integer(),
  }),
);

export const DECLARED_WASTE_SCHEMA = apiSchema(
  'DeclaredWasteView',
  json.object({
    year: json.integer(),
    city: DECLARED_FIGURES_SCHEMA,
    parks: json.array({
      allOf: [
        DECLARED_FIGURES_SCHEMA,
        json.object({ parkCode: json.string(), parkName: json.string(), tracking: WASTE_TRACKING_SCHEMA }),
      ],
    }),
    generators: json.array({
      allOf: [
        DECLARED_FIGURES_SCHEMA,
        json.object({
          generatorCode: json.string(),
          generatorName: json.string(),
          parkCode: nullableText,
          tracking: WASTE_TRACKING_SCHEMA,
        }),
      ],
    }),
  }),
);

export const WASTE_KPI_VIEW_SCHEMA = apiSchema(
  'WasteKpiView',
  json.object({
    period: PERIOD_SCHEMA,
    asOf: json.dateTime(),
    policy: json.object({
      massTolerance: json.number(),
      maxStorageDays: json.integer(),
      manifestCloseDays: json.integer(),
    }),
    target: json.number(),
    city: WASTE_KPI_SCHEMA,
    parks: json.array(PARK_WASTE_KPI_SCHEMA),
    withoutPark: WASTE_KPI_SCHEMA,
    declared: DECLARED_WASTE_SCHEMA,
  }),
);

/** A lot violation: a code with its parameters, worded by the reason catalogue (TEXT: stored before 0027). */
export const VIOLATION_SCHEMA = apiSchema(
  'Violation',
  json.object({
    code: json.oneOf([...WASTE_REASON_CODES, 'TEXT']),
    params: json.record({ nullable: true, oneOf: [json.string(), json.number(), json.boolean()] }),
  }),
);

export const NON_CONFORMING_LOT_SCHEMA = apiSchema(
  'NonConformingLot',
  json.object({
    lotCode: json.string(),
    generatorCode: nullableText,
    wasteCode: nullableText,
    state: json.string(),
    kg,
    violations: json.array(VIOLATION_SCHEMA),
  }),
);

export const OPEN_LOT_SCHEMA = apiSchema(
  'OpenLot',
  json.object({
    lotCode: json.string(),
    generatorCode: nullableText,
    state: json.string(),
    kg,
    storageDeadline: nullableTime,
    manifestDeadline: nullableTime,
  }),
);

export const PARK_WASTE_SCHEMA = apiSchema(
  'ParkWaste',
  json.object({
    park: json.object({ code: json.string(), name: json.string() }),
    period: PERIOD_SCHEMA,
    asOf: json.dateTime(),
    kpi: WASTE_KPI_SCHEMA,
    nonConforming: json.array(NON_CONFORMING_LOT_SCHEMA),
    inProgress: json.array(OPEN_LOT_SCHEMA),
  }),
);

export const WASTE_LOT_SCHEMA = apiSchema(
  'WasteLot',
  json.object({
    lotCode: json.string(),
    state: json.oneOf(WASTE_LOT_STATES),
    generatorCode: nullableText,
    parkId: json.nullable(json.integer()),
    wasteCode: nullableText,
    anchorAt: json.dateTime(),
    generatedAt: nullableTime,
    generatedKg: nullableKg,
    manifestNumber: nullableText,
    transporterCode: nullableText,
    facilityCode: nullableText,
    handedOverAt: nullableTime,
    handedOverKg: nullableKg,
    receivedAt: nullableTime,
    receivedKg: nullableKg,
    treatedAt: nullableTime,
    treatmentMethod: nullableText,
    certificate: nullableText,
    findings: json.array(VIOLATION_SCHEMA),
    eventCount: json.integer(),
  }),
);

export const WASTE_EVENT_SCHEMA = apiSchema(
  'WasteEvent',
  json.object({
    eventId: json.string(),
    lotCode: json.string(),
    type: json.string(),
    occurredAt: json.dateTime(),
    gatewayCode: json.string(),
    body: json.record({}),
    receivedAt: json.dateTime(),
  }),
);

export const LOT_VIEW_SCHEMA = apiSchema(
  'LotView',
  json.object({
    lot: WASTE_LOT_SCHEMA,
    standing: json.oneOf(LOT_STANDINGS),
    violations: json.array(VIOLATION_SCHEMA),
    storageDeadline: nullableTime,
    manifestDeadline: nullableTime,
    events: json.array(WASTE_EVENT_SCHEMA),
  }),
);

export const MANIFEST_VIEW_SCHEMA = apiSchema(
  'ManifestView',
  json.object({
    manifestNumber: json.string(),
    status: json.oneOf(['open', 'closed']),
    openedAt: nullableTime,
    closedAt: nullableTime,
    transporterCode: nullableText,
    facilityCode: nullableText,
    handedOverKg: kg,
    receivedKg: kg,
    lots: json.array(
      json.object({
        lotCode: json.string(),
        standing: json.string(),
        violations: json.array(VIOLATION_SCHEMA),
      }),
    ),
  }),
);

const ANNUAL_TOTALS = {
  generatedKg: kg,
  handedOverKg: kg,
  treatedKg: kg,
  storedAtYearEndKg: { ...kg, description: "still at the generator's storage on 31/12" },
  nonConformingLots: json.integer(),
};

export const ANNUAL_WASTE_REPORT_SCHEMA = apiSchema(
  'AnnualWasteReport',
  json.object({
    year: json.integer(),
    park: json.nullable(json.object({ code: json.string(), name: json.string() })),
    asOf: json.dateTime(),
    generators: json.array(
      json.object({
        generatorCode: nullableText,
        lines: json.array(json.object({ wasteCode: nullableText, ...ANNUAL_TOTALS })),
        totals: json.object(ANNUAL_TOTALS),
      }),
    ),
    totals: json.object(ANNUAL_TOTALS),
  }),
);

export const WASTE_CODE_SCHEMA = apiSchema(
  'WasteCode',
  json.object({
    code: json.string({ example: '16 01 12' }),
    nameVi: json.string(),
    nameEn: nullableText,
    thresholdClass: json.nullable(json.oneOf(WASTE_THRESHOLD_CLASSES)),
    evidence: json.string(),
  }),
);

export const WASTE_PARTY_SCHEMA = apiSchema(
  'WasteParty',
  json.object({
    id: json.integer(),
    code: json.string(),
    name: json.string(),
    kind: json.oneOf(WASTE_PARTY_KINDS),
    parkId: json.nullable(json.integer()),
  }),
);

export const WASTE_PARTY_DETAIL_SCHEMA = apiSchema('WastePartyDetail', {
  allOf: [
    WASTE_PARTY_SCHEMA,
    json.object({
      licences: json.array(
        json.object({
          id: json.integer(),
          partyId: json.integer(),
          licenceNumber: json.string(),
          wasteCodes: json.array(json.string()),
          validFrom: json.day(),
          validTo: json.nullable({ ...json.day(), description: 'exclusive; null: no end' }),
        }),
      ),
    }),
  ],
});
