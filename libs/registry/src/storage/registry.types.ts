export const OPERATING_STATUSES = [
  'operating',
  'under_construction',
  'planned',
  'suspended',
  'closed',
] as const;
export type OperatingStatus = (typeof OPERATING_STATUSES)[number];

export const STATION_KINDS = ['outlet', 'inlet'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export const DEVICE_KINDS = ['analyzer', 'gateway', 'scale'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const PERMIT_COLUMNS = ['A', 'B', 'C'] as const;
export type PermitColumn = (typeof PERMIT_COLUMNS)[number];

interface Timestamps {
  createdAt: Date;
  updatedAt: Date;
}

export interface Park extends Timestamps {
  id: number;
  code: string;
  name: string;
  nameVi: string | null;
  developer: string | null;
  economicZone: string | null;
  district: string | null;
  /** Unknown area stays null. */
  areaHa: number | null;
  operatingStatus: OperatingStatus;
  source: string | null;
  /** WGS 84 degrees, inside Viet Nam; null when not recorded. */
  latitude: number | null;
  longitude: number | null;
}

export interface TreatmentPlant extends Timestamps {
  id: number;
  code: string;
  parkId: number;
  name: string;
  /** The Vietnamese name; `name` is the English one. */
  nameVi: string | null;
  designCapacityM3PerDay: number | null;
  receivingWater: string | null;
  operatingStatus: OperatingStatus;
  source: string | null;
}

export interface Station extends Timestamps {
  id: number;
  code: string;
  plantId: number;
  name: string;
  /** The Vietnamese name; `name` is the English one. */
  nameVi: string | null;
  kind: StationKind;
  expectedIntervalSeconds: number;
  active: boolean;
  /** WGS 84 degrees, inside Viet Nam; null when not recorded. */
  latitude: number | null;
  longitude: number | null;
  /** 'YYYY-MM-DD': retired from this day on (no longer expected; its history stays); null while in service. */
  retiredOn: string | null;
}

/** What ingestion needs to resolve a telemetry topic (park code + station code) to a station id. */
export interface StationRef {
  id: number;
  code: string;
  parkCode: string;
  plantCode: string;
  active: boolean;
}

/** A park, one of its plants and one of that plant's active outlet stations (nulls where there is none). */
export interface ParkOutlet {
  parkId: number;
  parkCode: string;
  parkName: string;
  parkStatus: OperatingStatus;
  plantId: number | null;
  plantCode: string | null;
  plantStatus: OperatingStatus | null;
  stationId: number | null;
  stationCode: string | null;
}

export interface Parameter {
  code: string;
  name: string;
  unit: string;
  physicalMin: number;
  physicalMax: number | null;
}

export interface DischargePermit {
  id: number;
  stationId: number;
  permitNumber: string | null;
  /** e.g. 'QCVN40:2011' */
  standardVersion: string;
  columnCode: PermitColumn;
  kq: number | null;
  kf: number | null;
  /** The discharge flow the permit allows, m3/day (QCVN 40:2011 F); null: not recorded. */
  permittedFlowM3PerDay: number | null;
  /**
   * Where kf comes from: 'flow_table' derived from permittedFlowM3PerDay by the standard's Kf table,
   * 'explicit' entered with kfReason; null on permits recorded before either was kept.
   */
  kfSource: KfSource | null;
  kfReason: string | null;
  /** 'YYYY-MM-DD' */
  effectiveFrom: string;
  /** 'YYYY-MM-DD', exclusive; null while in force. */
  effectiveTo: string | null;
  /** Parameter codes judged under this permit. */
  parameters: string[];
  /** Averaging windows judged: hourly and/or daily means. */
  windows: ComplianceWindow[];
  /** A window counts only when valid records / expected records reaches this (0-1]. */
  minCapture: number;
  /**
   * This many identical consecutive readings are a flat-line, set aside from the valid data: the run length
   * of a parameter with neither its own rule in `limits` nor a default in flatline_defaults.
   */
  flatlineRecords: number;
  /** The permit's own limits, overriding the standard's C x Kq x Kf for those parameters. */
  limits: PermitParameterLimit[];
  /** The permit document: its URL or registry number (the file itself is not stored). */
  documentRef: string | null;
  /** The permit this version corrects (it replaced that one over its days); null for a first version. */
  supersedes: number | null;
  /** When a later version replaced this one: from then on it applies to no day. Null while in force. */
  supersededAt: Date | null;
  createdAt: Date;
}

export const KF_SOURCES = ['flow_table', 'explicit'] as const;
export type KfSource = (typeof KF_SOURCES)[number];

export const COMPLIANCE_WINDOWS = ['hour', 'day'] as const;
export type ComplianceWindow = (typeof COMPLIANCE_WINDOWS)[number];

/**
 * A permit's own rule for a parameter: a limit (min and/or max), its own averaging windows, and/or its own
 * flat-line run length (0: never screened).
 */
export interface PermitParameterLimit {
  parameterCode: string;
  min: number | null;
  max: number | null;
  windows?: ComplianceWindow[] | null;
  flatlineRecords?: number | null;
}

export interface Device extends Timestamps {
  id: number;
  code: string;
  parkId: number;
  stationId: number | null;
  kind: DeviceKind;
  credentialHash: string | null;
}

/**
 * A device with the codes its MQTT identity and topic ACL are derived from. parkCode is the park of
 * the bound station when there is one (the park of its topic), else the device's own park.
 */
export interface DeviceRef {
  id: number;
  code: string;
  kind: DeviceKind;
  parkCode: string;
  stationCode: string | null;
  credentialHash: string | null;
}

/** Fields that may be left out of an upsert (they default to null or the column default). */
type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export type ParkInput = Optional<
  Omit<Park, 'id' | keyof Timestamps>,
  | 'nameVi'
  | 'developer'
  | 'economicZone'
  | 'district'
  | 'areaHa'
  | 'operatingStatus'
  | 'source'
  | 'latitude'
  | 'longitude'
>;
export type TreatmentPlantInput = Optional<
  Omit<TreatmentPlant, 'id' | keyof Timestamps>,
  'nameVi' | 'designCapacityM3PerDay' | 'receivingWater' | 'operatingStatus' | 'source'
>;
export type StationInput = Optional<
  Omit<Station, 'id' | keyof Timestamps>,
  'nameVi' | 'expectedIntervalSeconds' | 'active' | 'latitude' | 'longitude' | 'retiredOn'
>;
/** An upsert without credentialHash (or with null) keeps the stored credential. */
export type DeviceInput = Optional<Omit<Device, 'id' | keyof Timestamps>, 'stationId' | 'credentialHash'>;
export type DischargePermitInput = Optional<
  Omit<DischargePermit, 'id' | 'createdAt' | 'supersedes' | 'supersededAt'>,
  | 'permitNumber'
  | 'kq'
  | 'kf'
  | 'permittedFlowM3PerDay'
  | 'kfSource'
  | 'kfReason'
  | 'effectiveTo'
  | 'parameters'
  | 'windows'
  | 'minCapture'
  | 'flatlineRecords'
  | 'limits'
  | 'documentRef'
>;

/**
 * What a device's last message was: station telemetry, a gateway's telemetry or notice, its status,
 * Sparkplug B, a scale's hazardous-waste events.
 */
export const DEVICE_MESSAGE_KINDS = ['telemetry', 'gateway', 'status', 'sparkplug', 'waste'] as const;
export type DeviceMessageKind = (typeof DEVICE_MESSAGE_KINDS)[number];

/** A device as the admin list shows it: where it is bound, whether it may log in, when it was last heard. */
export interface DeviceOverview {
  code: string;
  kind: DeviceKind;
  parkCode: string;
  stationCode: string | null;
  /** Whether it holds a credential (a revoked or never-issued device cannot log in). */
  hasCredential: boolean;
  /** Its last reported presence (status message or last will); null when it never reported one. */
  online: boolean | null;
  presenceAt: Date | null;
  lastMessageAt: Date | null;
  lastMessageKind: DeviceMessageKind | null;
  updatedAt: Date;
}

/**
 * Messages received since the last flush, by the device they name: its code (gateway, status, Sparkplug),
 * or its station (station telemetry, attributed to the station's analyzers).
 */
export interface DeviceActivity {
  deviceCode?: string;
  station?: { parkCode: string; stationCode: string };
  at: Date;
  kind: DeviceMessageKind;
}

/** Last presence a device reported (or its last will said). */
export interface DevicePresence {
  online: boolean;
  at: Date;
  firmware?: string;
}
