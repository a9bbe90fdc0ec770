// Request bodies of the registry's administration routes (officers and admins of the Authority).
import { json, JsonSchema } from '@hp/contracts';
import { OPERATING_STATUSES, STATION_KINDS } from '../storage/registry.types';

/** Viet Nam's bounding box (WGS 84): coordinates outside it are a typo, not a place the platform serves. */
export const VIET_NAM_BOUNDS = { latitude: [8.0, 23.5], longitude: [102.0, 110.0] } as const;

const REGISTRY_CODE = json.string({ pattern: '^[A-Z0-9-]{1,64}$', example: 'DINHVU-HP' });
const NAME = json.text({ maxLength: 200 });
const OPTIONAL_TEXT = json.nullable(json.text({ maxLength: 500 }));
const LATITUDE = json.nullable(
  json.number({
    minimum: VIET_NAM_BOUNDS.latitude[0],
    maximum: VIET_NAM_BOUNDS.latitude[1],
    example: 20.83,
    description: 'WGS 84 degrees north, within Viet Nam',
  }),
);
const LONGITUDE = json.nullable(
  json.number({
    minimum: VIET_NAM_BOUNDS.longitude[0],
    maximum: VIET_NAM_BOUNDS.longitude[1],
    example: 106.74,
    description: 'WGS 84 degrees east, within Viet Nam',
  }),
);

/** Every registry entry's names: Vietnamese first, English the alternative. */
const NAMES: Record<string, JsonSchema> = {
  nameVi: { ...NAME, example: 'Khu công nghiệp Đình Vũ', description: 'The Vietnamese name' },
  name: { ...NAME, example: 'Dinh Vu Industrial Park', description: 'The English name; default: nameVi' },
};

const PARK_FIELDS: Record<string, JsonSchema> = {
  ...NAMES,
  economicZone: OPTIONAL_TEXT,
  district: OPTIONAL_TEXT,
  developer: OPTIONAL_TEXT,
  areaHa: json.nullable(json.number({ exclusiveMinimum: 0 })),
  operatingStatus: json.oneOf(OPERATING_STATUSES),
  latitude: LATITUDE,
  longitude: LONGITUDE,
};
const PARK_OPTIONAL = Object.keys(PARK_FIELDS).filter((k) => k !== 'nameVi');

export const NEW_PARK_SCHEMA = json.body({ code: REGISTRY_CODE, ...PARK_FIELDS }, PARK_OPTIONAL);
export const PARK_CHANGES_SCHEMA = json.body(PARK_FIELDS, Object.keys(PARK_FIELDS));

const PLANT_FIELDS: Record<string, JsonSchema> = {
  ...NAMES,
  designCapacityM3PerDay: json.nullable(json.number({ exclusiveMinimum: 0 })),
  receivingWater: OPTIONAL_TEXT,
  operatingStatus: json.oneOf(OPERATING_STATUSES),
};
const PLANT_OPTIONAL = Object.keys(PLANT_FIELDS).filter((k) => k !== 'nameVi');

export const NEW_PLANT_SCHEMA = json.body({ code: REGISTRY_CODE, ...PLANT_FIELDS }, PLANT_OPTIONAL);
export const PLANT_CHANGES_SCHEMA = json.body(PLANT_FIELDS, Object.keys(PLANT_FIELDS));

const STATION_FIELDS: Record<string, JsonSchema> = {
  ...NAMES,
  expectedIntervalSeconds: json.integer({ minimum: 1, maximum: 86_400, example: 300 }),
  latitude: LATITUDE,
  longitude: LONGITUDE,
};
const STATION_OPTIONAL = Object.keys(STATION_FIELDS).filter((k) => k !== 'nameVi');

export const NEW_STATION_SCHEMA = json.body(
  {
    plantCode: { ...REGISTRY_CODE, description: 'The treatment plant the station samples' },
    code: { ...REGISTRY_CODE, description: 'Station code used in MQTT topics' },
    kind: json.oneOf(STATION_KINDS),
    ...STATION_FIELDS,
  },
  STATION_OPTIONAL,
);
export const STATION_CHANGES_SCHEMA = json.body(STATION_FIELDS, Object.keys(STATION_FIELDS));

export const RETIRE_STATION_SCHEMA = json.body(
  {
    retiredOn: { ...json.day(), description: 'First day the station is no longer expected; default: today' },
    reason: json.text({ maxLength: 500 }),
  },
  ['retiredOn'],
);

/** Fields a body may carry, all optional beyond its schema's required ones. */
export interface CoordinatesBody {
  latitude?: number | null;
  longitude?: number | null;
}

export interface ParkBody extends CoordinatesBody {
  nameVi?: string;
  name?: string;
  economicZone?: string | null;
  district?: string | null;
  developer?: string | null;
  areaHa?: number | null;
  operatingStatus?: (typeof OPERATING_STATUSES)[number];
}
export interface NewParkBody extends ParkBody {
  code: string;
  nameVi: string;
}

export interface PlantBody {
  nameVi?: string;
  name?: string;
  designCapacityM3PerDay?: number | null;
  receivingWater?: string | null;
  operatingStatus?: (typeof OPERATING_STATUSES)[number];
}
export interface NewPlantBody extends PlantBody {
  code: string;
  nameVi: string;
}

export interface StationBody extends CoordinatesBody {
  nameVi?: string;
  name?: string;
  expectedIntervalSeconds?: number;
}
export interface NewStationBody extends StationBody {
  plantCode: string;
  code: string;
  kind: (typeof STATION_KINDS)[number];
  nameVi: string;
}

export interface RetireStationBody {
  retiredOn?: string;
  reason: string;
}
