// Generated from the API's OpenAPI document by `npm run api:types` (libs/runtime/src/http/api-types.ts).
// Do not edit: change the routes' schemas and run it again (a test fails while this file is stale).

export type AdminDevice = {
  /** the MQTT username (and client id) */
  code: string;
  kind: 'analyzer' | 'gateway' | 'scale';
  parkCode: string;
  stationCode: string | null;
  /** false: revoked (or never issued), it cannot log in */
  hasCredential: boolean;
  /** its last status message or last will; null: it never sent one */
  online: boolean | null;
  presenceAt: string | null;
  /** recorded every few seconds (DEVICE_ACTIVITY_FLUSH_MS), not live */
  lastMessageAt: string | null;
  lastMessageKind: ('telemetry' | 'gateway' | 'status' | 'sparkplug' | 'waste') | null;
  updatedAt: string;
};

export type Alert = {
  id: number;
  ruleId: number;
  subject: string;
  kind: 'threshold' | 'window_mean' | 'rate_of_change' | 'no_data' | 'device_offline' | 'status_stuck' | 'waste_violation' | 'daily_exceedance' | 'data_quality';
  severity: Severity;
  parkId: number | null;
  stationId: number | null;
  status: AlertStatus;
  reason: Reason;
  /** the reason worded in Vietnamese by the message catalogue */
  message: string;
  details: Record<string, unknown>;
  firstSeen: string;
  lastSeen: string;
  occurrences: number;
  silenced: boolean;
  escalationLevel: number;
  nextEscalationAt: string | null;
  nextReminderAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  updatedAt: string;
};

export type AlertDeadLetter = {
  outboxId: number;
  channel: string;
  target: string;
  error: string;
  attempts: number;
  failedAt: string;
};

export type AlertDetail = Alert & {
  notifications: AlertNotification[];
};

export type AlertNotification = {
  id: number;
  alertId: number;
  event: 'opened' | 'escalated' | 'reminder' | 'resolved';
  channel: 'email' | 'webhook' | 'grafana';
  recipientId: number | null;
  target: string;
  payload: Record<string, unknown>;
  createdAt: string;
  relayedAt: string | null;
  deliveredAt: string | null;
  attempts: number;
};

export type AlertRecipient = {
  id: number;
  name: string;
  role: string;
  parkId: number | null;
  level: number;
  minSeverity: Severity;
  email: string | null;
  webhookUrl: string | null;
  userId: number | null;
};

export type AlertRule = {
  id: number;
  code: string;
  kind: 'threshold' | 'window_mean' | 'rate_of_change' | 'no_data' | 'device_offline' | 'status_stuck' | 'waste_violation' | 'daily_exceedance' | 'data_quality';
  parkId: number | null;
  stationId: number | null;
  parameter: string | null;
  severity: Severity;
  settings: Record<string, number>;
  enabled: boolean;
};

export type AlertSilence = {
  id: number;
  parkId: number | null;
  stationId: number | null;
  ruleKind: ('threshold' | 'window_mean' | 'rate_of_change' | 'no_data' | 'device_offline' | 'status_stuck' | 'waste_violation' | 'daily_exceedance' | 'data_quality') | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdBy: string | null;
  state: 'upcoming' | 'active' | 'ended' | 'withdrawn';
};

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export type AnnualWasteReport = {
  year: number;
  park: {
    code: string;
    name: string;
  } | null;
  asOf: string;
  generators: {
    generatorCode: string | null;
    lines: {
      wasteCode: string | null;
      generatedKg: number;
      handedOverKg: number;
      treatedKg: number;
      /** still at the generator's storage on 31/12 */
      storedAtYearEndKg: number;
      nonConformingLots: number;
    }[];
    totals: {
      generatedKg: number;
      handedOverKg: number;
      treatedKg: number;
      /** still at the generator's storage on 31/12 */
      storedAtYearEndKg: number;
      nonConformingLots: number;
    };
  }[];
  totals: {
    generatedKg: number;
    handedOverKg: number;
    treatedKg: number;
    /** still at the generator's storage on 31/12 */
    storedAtYearEndKg: number;
    nonConformingLots: number;
  };
};

export type AuditEntry = {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  /** the subject before the change (JSON), null when created */
  before: unknown;
  /** the subject after the change (JSON) */
  after: unknown;
};

export type BoardLimit = {
  min: number | null;
  max: number | null;
};

export type BoardParameter = {
  parameter: 'Flow' | 'Temp' | 'pH' | 'TSS' | 'COD' | 'NH4' | 'TN' | 'TP' | 'Color' | 'TOC' | 'Cl';
  unit: string | null;
  value: number | null;
  status: ('00' | '01' | '02') | null;
  time: string | null;
  ageSeconds: number | null;
  cadenceSeconds: number;
  limit: BoardLimit | null;
  /** near: >= 80 % of the maximum (a range: its outer fifth); stale: older than 3 cadences or none in 7 days; not_measuring: status 01/02 */
  state: 'ok' | 'near' | 'over' | 'stale' | 'no_limit' | 'not_measuring';
};

export type BoardStation = {
  stationId: number;
  stationCode: string;
  stationName: string;
  parkCode: string;
  kind: 'outlet' | 'inlet';
  link: {
    /** online: last message at most 3 expected intervals ago */
    state: 'online' | 'offline' | 'never';
    lastMessageAt: string | null;
    ageSeconds: number | null;
    expectedIntervalSeconds: number;
  };
  devices: {
    code: string;
    online: boolean | null;
    presenceAt: string | null;
  }[];
  permit: {
    id: number;
    number: string | null;
  } | null;
  today: {
    day: string;
    verdict: DayVerdict | null;
    provisional: boolean | null;
  };
  parameters: BoardParameter[];
};

export type CalibrationSchedule = {
  /** a parameter code, or ALL */
  parameterCode: string;
  everyDays: number;
  anchorDay: string;
  windowStart: string;
  windowMinutes: number;
  maxPerDay: number;
};

export type CityReport = {
  id: number;
  kind: 'month' | 'quarter' | 'year';
  period: string;
  periodFrom: string;
  /** the day after the last, exclusive */
  periodTo: string;
  language: 'vi' | 'en';
  /** 1, then each correction of the period the next */
  version: number;
  /** the issued version this one corrects */
  supersedesId: number | null;
  state: 'draft' | 'issued';
  createdBy: string;
  createdAt: string;
  /** sequential in the year of issue */
  number: number | null;
  year: number | null;
  documentNumber: string | null;
  issuedAt: string | null;
  issuedBy: string | null;
  files: {
    format: 'pdf' | 'xlsx';
    filename: string;
    contentType: string;
    bytes: number;
    sha256: string;
  }[];
};

export type CityReportSettings = {
  series: string;
  governingBody: string;
  issuingAgency: string;
  /** the symbol after the number: '123/BC-BQL' */
  symbol: string;
  place: string;
  addressee: string;
  /** e.g. 'KT. TRƯỞNG BAN'; empty when signing in one's own right */
  signerAuthority: string;
  signerPosition: string;
  signerName: string;
  recipients: string[];
};

export type ComplianceKpi = {
  period: Period;
  daysJudged: number;
  operatingParks: number;
  parksMeetingStandard: number;
  share: number | null;
  target: {
    share: number;
    by: string;
  };
  /** The standing rests on a provisional verdict: a day in progress judged so far, or a closed day still inside its late-data window. It may change until the day is final; false once every day it rests on is final. */
  provisional: boolean;
  notMeeting: {
    parkCode: string;
    parkName: string;
    status: ParkStatus;
    /** The standing rests on a provisional verdict: a day in progress judged so far, or a closed day still inside its late-data window. It may change until the day is final; false once every day it rests on is final. */
    provisional: boolean;
    reasons: Reason[];
  }[];
  monthlyTrend: {
    month: string;
    operatingParks: number;
    parksMeetingStandard: number;
    share: number | null;
  }[];
};

export type CorrectionProposalDto = {
  id: number;
  stationId: number;
  parameter: string;
  /** The reading's time */
  time: string;
  /** Its local day (Asia/Ho_Chi_Minh), judged again once approved */
  day: string;
  withdrawn: boolean;
  /** null: as the reading stands (or withdrawn) */
  value: number | null;
  /** null: as the reading stands */
  status: ('00' | '01' | '02') | null;
  reasonCode: 'CALIBRATION' | 'DEVICE_FAULT' | 'MAINTENANCE' | 'SAMPLING' | 'TRANSMISSION' | 'OTHER';
  note: string;
  /** Username of who proposed it */
  proposedBy: string;
  proposedAt: string;
  state: 'pending' | 'approved' | 'rejected';
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  /** The correction an approval recorded */
  correctionId: number | null;
};

export type DataQualityRule = {
  code: 'STUCK_VALUE' | 'NEAR_LIMIT_CLUSTER' | 'REPEATED_DAY' | 'CALIBRATION_OFF_SCHEDULE' | 'CLOCK_DRIFT' | 'DROP_BEFORE_EXCEEDANCE' | 'INSPECTION_GAP';
  raiseAfter: number;
  clearAfter: number;
  weight: number;
  enabled: boolean;
  settings: Record<string, unknown>;
  evidence: 'V' | 'V2' | 'U';
};

export type DayVerdict = 'compliant' | 'insufficient_data' | 'suspected_exceedance' | 'exceedance' | 'no_permit';

export type DayWarning = {
  code: string;
  params: Record<string, (string | number | boolean) | null>;
};

export type DeclaredFigures = {
  declaredKg: number | null;
  trackedKg: number;
  compliantKg: number;
  trackedShare: number | null;
  compliantShare: number | null;
  undeclaredTrackedKg: number;
  lots: number;
};

export type DeclaredWasteView = {
  year: number;
  city: DeclaredFigures;
  parks: (DeclaredFigures & {
    parkCode: string;
    parkName: string;
    tracking: WasteTracking;
  })[];
  generators: (DeclaredFigures & {
    generatorCode: string;
    generatorName: string;
    parkCode: string | null;
    tracking: WasteTracking;
  })[];
};

export type DeviceDto = {
  id: number;
  code: string;
  kind: 'analyzer' | 'gateway' | 'scale';
};

export type DischargePermitDto = {
  id: number;
  permitNumber: string | null;
  standardVersion: string;
  columnCode: 'A' | 'B' | 'C';
  /** From the permit; an empty one counts as 1 when judging */
  kq: number | null;
  /** From the permit; an empty one counts as 1 when judging */
  kf: number | null;
  /** The discharge flow the permit allows, m3/day (Kf is derived from it by the Kf table) */
  permittedFlowM3PerDay: number | null;
  /** Where Kf comes from: the standard's Kf table for the permitted flow, or stated with kfReason; null on permits recorded before either was kept */
  kfSource: ('flow_table' | 'explicit') | null;
  /** Why an explicit Kf was stated */
  kfReason: string | null;
  effectiveFrom: string;
  /** Exclusive; null while in force */
  effectiveTo: string | null;
  /** Parameters judged */
  parameters: string[];
  /** Averaging windows judged */
  windows: ('hour' | 'day')[];
  /** Minimum valid / expected records for a window to count */
  minCapture: number;
  /** Identical consecutive readings that make a flat-line (invalid) */
  flatlineRecords: number;
  /** The permit's own rules per parameter */
  limits: PermitParameterLimitDto[];
  /** The permit document: its URL or registry number */
  documentRef: string | null;
  /** The permit this version corrects */
  supersedes: number | null;
  /** When a later version replaced this one (it then applies to no day); null while in force */
  supersededAt: string | null;
};

export type HealthDto = {
  status: string;
  storage: string;
  timescale: boolean;
  queue: string;
  durableJobs: boolean;
};

export type Inspection = {
  id: number;
  stationId: number;
  startsAt: string;
  endsAt: string;
  reference: string | null;
  createdBy: string | null;
};

export type IssuedDeviceCredentials = {
  code: string;
  kind: 'analyzer' | 'gateway' | 'scale';
  parkCode: string;
  stationCode: string | null;
  /** shown once; only its hash is stored */
  password: string;
  existed: boolean;
};

export type JudgedStationDay = {
  stationId: number;
  day: string;
  permitId: number | null;
  verdict: DayVerdict;
  reasons: Reason[];
  warnings?: DayWarning[];
  provisional?: boolean;
  judgedUntil?: string | null;
  dataVersion?: {
    corrections: number;
    lastCorrectionId: number | null;
  };
};

export type LimitsPermit = {
  number: string | null;
  standard: string;
  column: string;
  kq: number | null;
  kf: number | null;
  kfSource: ('flow_table' | 'explicit') | null;
  kfReason: string | null;
  permittedFlowM3PerDay: number | null;
  kfBand: {
    aboveM3PerDay: number | null;
    upToM3PerDay: number | null;
  } | null;
};

export type LotView = {
  lot: WasteLot;
  standing: 'treated_conforming' | 'non_conforming' | 'in_progress';
  violations: Violation[];
  storageDeadline: string | null;
  manifestDeadline: string | null;
  events: WasteEvent[];
};

export type ManifestView = {
  manifestNumber: string;
  status: 'open' | 'closed';
  openedAt: string | null;
  closedAt: string | null;
  transporterCode: string | null;
  facilityCode: string | null;
  handedOverKg: number;
  receivedKg: number;
  lots: {
    lotCode: string;
    standing: string;
    violations: Violation[];
  }[];
};

export type NonConformingLot = {
  lotCode: string;
  generatorCode: string | null;
  wasteCode: string | null;
  state: string;
  kg: number;
  violations: Violation[];
};

export type NotificationPreferences = {
  /** the parks followed; null: every park the user may see */
  parkIds: number[] | null;
  topics: ('exceedance' | 'no_data' | 'waste' | 'data_quality')[];
  minSeverity: Severity;
  inApp: boolean;
  email: string | null;
  /** true when some topic reaches some channel */
  subscribed: boolean;
  updatedAt: string | null;
};

export type OpenLot = {
  lotCode: string;
  generatorCode: string | null;
  state: string;
  kg: number;
  storageDeadline: string | null;
  manifestDeadline: string | null;
};

export type ParameterCadenceDto = {
  parameterCode: string;
  /** Seconds between expected records: capture counts 86 400 / this a day */
  cadenceSeconds: number;
  /** station: registered for this station; default: the parameter's default (COD 15 min, NH4/TN/TP 30 min, others 5 min); station_interval: neither, the station's interval */
  source: 'station' | 'default' | 'station_interval';
};

export type ParameterDay = {
  stationId: number;
  day: string;
  parameterCode: 'Flow' | 'Temp' | 'pH' | 'TSS' | 'COD' | 'NH4' | 'TN' | 'TP' | 'Color' | 'TOC' | 'Cl';
  permitId: number;
  limitMin: number | null;
  limitMax: number | null;
  /** the measurement cadence the day was judged by */
  cadenceSeconds: number | null;
  expectedRecords: number;
  totalRecords: number;
  validRecords: number;
  capture: number;
  meanValue: number | null;
  maxValue: number | null;
  minValue: number | null;
  hourWindowsValid: number;
  hourExceedances: number;
  dayWindowValid: boolean;
  dayExceedance: boolean;
  verdict: 'compliant' | 'insufficient_data' | 'suspected_exceedance' | 'exceedance';
  /** the flat-line run length the day was screened with (0: none) */
  flatlineRecords: number | null;
  /** readings the flat-line screen set aside */
  setAsideRecords: number;
  setAsideMax: number | null;
  setAsideMin: number | null;
  setAsideBeyondLimit: boolean;
  reviewDecision: ('confirmed' | 'rejected') | null;
};

export type ParameterLimit = {
  parameter: string;
  min: number | null;
  max: number | null;
  basis: string;
};

export type ParkDto = {
  id: number;
  /** Park code used in MQTT topics */
  code: string;
  name: string;
  nameVi: string | null;
  developer: string | null;
  economicZone: string | null;
  district: string | null;
  /** Null when no source gives it */
  areaHa: number | null;
  operatingStatus: 'operating' | 'under_construction' | 'planned' | 'suspended' | 'closed';
  /** Status tag and URL, then a note on gaps */
  source: string | null;
  /** WGS 84; null when not recorded */
  latitude: number | null;
  /** WGS 84; null when not recorded */
  longitude: number | null;
  treatmentPlants: TreatmentPlantDto[];
};

export type ParkPeriod = {
  parkCode: string;
  parkName: string;
  operating: boolean;
  hasOperatingPlant: boolean;
  status: ParkStatus;
  minCompliantDayShare: number;
  /** The standing rests on a provisional verdict: a day in progress judged so far, or a closed day still inside its late-data window. It may change until the day is final; false once every day it rests on is final. */
  provisional: boolean;
  reasons: Reason[];
  stations: StationPeriod[];
};

export type ParkStatus = 'met' | 'exceedance' | 'suspected_exceedance' | 'insufficient_data' | 'no_permit' | 'no_operating_plant';

export type ParkWaste = {
  park: {
    code: string;
    name: string;
  };
  period: Period;
  asOf: string;
  kpi: WasteKpi;
  nonConforming: NonConformingLot[];
  inProgress: OpenLot[];
};

export type ParkWasteKpi = WasteKpi & {
  parkCode: string;
  parkName: string;
};

export type Period = {
  kind: 'day' | 'month' | 'quarter' | 'year';
  from: string;
  /** the day after the last, exclusive */
  to: string;
};

export type PermitParameterLimitDto = {
  parameterCode: string;
  min: number | null;
  max: number | null;
  windows?: (('hour' | 'day')[]) | null;
};

export type QuarantineProblem = {
  /** Index of the refused reading; null: the whole message */
  index: number | null;
  /** The part of a many-station message or file it concerns; null: the message */
  source: string | null;
  reason: Reason;
};

export type QuarantinedMessage = {
  id: number;
  receivedAt: string;
  topic: string;
  clientId: string | null;
  problems: QuarantineProblem[];
  /** The payload as received, decoded as UTF-8 */
  payload: string;
};

export type ReadingBucketDto = {
  /** Bucket start; day buckets start at local midnight (Asia/Ho_Chi_Minh) */
  bucket: string;
  parameter: string;
  /** Mean of status-00 readings */
  avg: number | null;
  min: number | null;
  max: number | null;
  /** Readings with status 00 */
  validCount: number;
  /** All readings, including 01 and 02 */
  totalCount: number;
};

export type ReadingCorrectionDto = {
  id: number;
  stationId: number;
  parameter: string;
  /** The corrected reading's time */
  time: string;
  /** Its local day (Asia/Ho_Chi_Minh), whose verdict is judged again */
  day: string;
  withdrawn: boolean;
  /** null when withdrawn */
  value: number | null;
  /** null when withdrawn */
  status: ('00' | '01' | '02') | null;
  /** The reading as received (it stays stored unchanged) */
  original: ReadingValueDto;
  reason: string;
  /** Username of who recorded it */
  author: string;
  createdAt: string;
  /** The earlier correction of the same reading this one replaces */
  supersedes: number | null;
};

export type ReadingDto = {
  time: string;
  parameter: string;
  value: number;
  /** Circular 10/2021: 00 measuring, 01 calibrating, 02 device error */
  status: '00' | '01' | '02';
  receivedAt: string;
};

export type ReadingValueDto = {
  value: number;
  status: '00' | '01' | '02';
};

export type Reason = {
  code: 'TEXT' | 'NO_PERMIT' | 'EXCEEDANCE_HOURLY_MEAN' | 'EXCEEDANCE_DAILY_MEAN' | 'SUSPECTED_EXCEEDANCE' | 'CAPTURE_BELOW_MINIMUM' | 'PARK_NO_OPERATING_PLANT' | 'PARK_NOT_JUDGED' | 'PARK_STATION_EXCEEDANCE' | 'PARK_STATION_SUSPECTED' | 'PARK_STATION_NO_PERMIT' | 'PARK_STATION_LOW_COMPLIANCE' | 'TOPIC_UNEXPECTED' | 'STATION_NOT_REGISTERED' | 'GATEWAY_NOT_REGISTERED' | 'DEVICE_NOT_REGISTERED' | 'GATEWAY_STATION_OTHER_PARK' | 'PAYLOAD_EMPTY' | 'PAYLOAD_NOT_JSON' | 'PAYLOAD_SCHEMA_INVALID' | 'UNIT_NOT_ACCEPTED' | 'VALUE_OUT_OF_PHYSICAL_BOUNDS' | 'TIME_IN_FUTURE' | 'TIME_BEFORE_BACKFILL' | 'MESSAGE_CHECK_FAILED' | 'WASTE_GATEWAY_NOT_REGISTERED' | 'WASTE_EVENT_TIME_IN_FUTURE' | 'SPARKPLUG_PAYLOAD_NOT_DECODABLE' | 'SPARKPLUG_OUT_OF_STEP' | 'SPARKPLUG_METRIC_UNMAPPED' | 'SPARKPLUG_METRIC_NO_TIMESTAMP' | 'SPARKPLUG_METRIC_NOT_FINITE' | 'SPARKPLUG_METRIC_STATUS_INVALID' | 'SPARKPLUG_PARAMETER_UNKNOWN' | 'CIRCULAR10_FILE_TOO_LARGE' | 'CIRCULAR10_FILE_NOT_UTF8' | 'CIRCULAR10_FILE_BINARY' | 'CIRCULAR10_FILE_EMPTY' | 'CIRCULAR10_LINE_FIELD_COUNT' | 'CIRCULAR10_LINE_PARAMETER_UNKNOWN' | 'CIRCULAR10_LINE_VALUE_NOT_NUMBER' | 'CIRCULAR10_LINE_TIME_INVALID' | 'CIRCULAR10_LINE_STATUS_INVALID' | 'chain_gap' | 'chain_order' | 'conflicting_events' | 'facility_mismatch' | 'manifest_mismatch' | 'storage_condition' | 'unregistered_generator' | 'party_not_licensed' | 'licence_expired' | 'mass_mismatch' | 'storage_overdue' | 'manifest_overdue' | 'treatment_unconfirmed' | 'ALERT_THRESHOLD' | 'ALERT_WINDOW_MEAN' | 'ALERT_RATE_OF_CHANGE' | 'ALERT_STATUS_STUCK' | 'ALERT_NO_DATA' | 'ALERT_DEVICE_OFFLINE' | 'ALERT_WASTE_VIOLATION' | 'ALERT_DAILY_EXCEEDANCE' | 'ALERT_DATA_QUALITY';
  params: Record<string, (string | number | boolean | SchemaProblem[]) | null>;
};

export type ReportRun = {
  id: number;
  kind: 'month' | 'quarter' | 'year';
  /** '2026-10', '2026-Q4' or '2026' */
  period: string;
  language: 'vi' | 'en';
  /** a park code, or '' for the whole city */
  scope: string;
  /** each generation of a period, language and scope is the next version */
  version: number;
  periodFrom: string;
  periodTo: string;
  status: 'ready' | 'failed';
  trigger: 'schedule' | 'request';
  requestedBy: string | null;
  generatedAt: string;
  error: string | null;
  files: {
    format: 'pdf' | 'xlsx' | 'csv';
    filename: string;
    contentType: string;
    bytes: number;
    sha256: string;
  }[];
};

export type ReportSubmission = {
  id: number;
  parkId: number;
  parkCode: string;
  kind: 'month' | 'quarter' | 'year';
  period: string;
  periodFrom: string;
  /** the day after the last, exclusive */
  periodTo: string;
  state: 'draft' | 'submitted' | 'returned' | 'resubmitted' | 'approved';
  progress: string;
  difficulties: string;
  proposals: string;
  /** the platform's figures for the park (the progress report model), frozen at submission */
  figures: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  events: {
    action: 'create' | 'edit' | 'submit' | 'return' | 'resubmit' | 'approve';
    state: 'draft' | 'submitted' | 'returned' | 'resubmitted' | 'approved';
    actor: string;
    at: string;
    comment: string | null;
  }[];
};

export type ReportSubscription = {
  id: number;
  email: string;
  language: 'vi' | 'en';
  periodKinds: ('month' | 'quarter' | 'year')[];
  formats: ('pdf' | 'xlsx' | 'csv')[];
  /** one park's report only; null: the whole city */
  parkId: number | null;
  parkCode: string | null;
  createdBy: string | null;
  active: boolean;
  createdAt: string;
};

export type Role = 'admin' | 'officer' | 'park_operator' | 'manager';

export type SavedUser = {
  user: User;
  /** the generated password, answered this once */
  password?: string;
};

export type SchemaProblem = {
  path: string;
  rule: 'required' | 'type' | 'enum' | 'pattern' | 'range' | 'item_count' | 'too_short' | 'too_long' | 'too_many_readings' | 'invalid';
  [key: string]: string | number;
};

export type SessionUser = {
  username: string;
  name: string;
  role: Role;
  parkCodes: string[];
};

export type SetAsideReview = {
  id: number;
  stationId: number;
  day: string;
  parameterCode: string;
  decision: 'confirmed' | 'rejected';
  setAsideRecords: number;
  note: string;
  reviewer: string;
  reviewedAt: string;
};

export type SetAsideReviewResult = {
  review: SetAsideReview;
  day: JudgedStationDay;
};

export type Severity = 'info' | 'warning' | 'critical';

export type StationDaily = {
  stationId: number;
  from: string;
  to: string;
  days: StationDay[];
};

export type StationDataQuality = {
  stationId: number;
  from: string;
  to: string;
  current: {
    day: string;
    score: number;
  } | null;
  days: {
    day: string;
    score: number;
  }[];
  active: {
    code: 'STUCK_VALUE' | 'NEAR_LIMIT_CLUSTER' | 'REPEATED_DAY' | 'CALIBRATION_OFF_SCHEDULE' | 'CLOCK_DRIFT' | 'DROP_BEFORE_EXCEEDANCE' | 'INSPECTION_GAP';
    sinceDay: string | null;
    params: Record<string, unknown>;
  }[];
  recent: {
    day: string;
    code: 'STUCK_VALUE' | 'NEAR_LIMIT_CLUSTER' | 'REPEATED_DAY' | 'CALIBRATION_OFF_SCHEDULE' | 'CLOCK_DRIFT' | 'DROP_BEFORE_EXCEEDANCE' | 'INSPECTION_GAP';
    holds: boolean;
    raised: boolean;
    params: Record<string, unknown>;
  }[];
};

export type StationDay = {
  stationId: number;
  day: string;
  permitId: number | null;
  verdict: DayVerdict;
  reasons: Reason[];
  warnings?: DayWarning[];
  provisional?: boolean;
  judgedUntil?: string | null;
  dataVersion: {
    corrections: number;
    lastCorrectionId: number | null;
    computedAt: string;
    latest: {
      corrections: number;
      lastCorrectionId: number | null;
    };
    stale: boolean;
  };
  parameters: ParameterDay[];
  setAsideReviews: SetAsideReview[];
};

export type StationDetailDto = {
  id: number;
  /** Station code used in MQTT topics */
  code: string;
  /** The English name */
  name: string;
  nameVi: string | null;
  kind: 'outlet' | 'inlet';
  /** How often the station is expected to report */
  expectedIntervalSeconds: number;
  /** Expected to report (false once retired) */
  active: boolean;
  /** WGS 84; null when not recorded */
  latitude: number | null;
  /** WGS 84; null when not recorded */
  longitude: number | null;
  /** First day it is no longer expected to report; its history stays. Null while in service */
  retiredOn: string | null;
  plantId: number;
  plantCode: string;
  parkCode: string;
  /** Discharge permits (GPMT), oldest first */
  permits: DischargePermitDto[];
  /** Devices installed at the station */
  devices: DeviceDto[];
  /** Each parameter's measurement cadence at the station, which data capture counts against */
  cadences: ParameterCadenceDto[];
};

export type StationDto = {
  id: number;
  /** Station code used in MQTT topics */
  code: string;
  /** The English name */
  name: string;
  nameVi: string | null;
  kind: 'outlet' | 'inlet';
  /** How often the station is expected to report */
  expectedIntervalSeconds: number;
  /** Expected to report (false once retired) */
  active: boolean;
  /** WGS 84; null when not recorded */
  latitude: number | null;
  /** WGS 84; null when not recorded */
  longitude: number | null;
  /** First day it is no longer expected to report; its history stays. Null while in service */
  retiredOn: string | null;
  plantId: number;
  plantCode: string;
  parkCode: string;
};

export type StationLimits = {
  stationId: number;
  day: string;
  permit: LimitsPermit | null;
  limits: ParameterLimit[];
  notJudged: {
    parameter: string;
    reason: 'NOT_IN_PERMIT' | 'NO_LIMIT';
  }[];
};

export type StationPeriod = {
  stationId: number;
  stationCode: string;
  plantCode: string;
  days: number;
  compliantDays: number;
  exceedanceDays: number;
  insufficientDays: number;
  suspectedDays: number;
  noPermitDays: number;
  missingDays: number;
  provisionalDays: number;
  provisional: boolean;
  recentProblems: {
    day: string;
    verdict: DayVerdict;
    reasons: Reason[];
  }[];
};

export type StationPermitDto = {
  id: number;
  permitNumber: string | null;
  standardVersion: string;
  columnCode: 'A' | 'B' | 'C';
  /** From the permit; an empty one counts as 1 when judging */
  kq: number | null;
  /** From the permit; an empty one counts as 1 when judging */
  kf: number | null;
  /** The discharge flow the permit allows, m3/day (Kf is derived from it by the Kf table) */
  permittedFlowM3PerDay: number | null;
  /** Where Kf comes from: the standard's Kf table for the permitted flow, or stated with kfReason; null on permits recorded before either was kept */
  kfSource: ('flow_table' | 'explicit') | null;
  /** Why an explicit Kf was stated */
  kfReason: string | null;
  effectiveFrom: string;
  /** Exclusive; null while in force */
  effectiveTo: string | null;
  /** Parameters judged */
  parameters: string[];
  /** Averaging windows judged */
  windows: ('hour' | 'day')[];
  /** Minimum valid / expected records for a window to count */
  minCapture: number;
  /** Identical consecutive readings that make a flat-line (invalid) */
  flatlineRecords: number;
  /** The permit's own rules per parameter */
  limits: PermitParameterLimitDto[];
  /** The permit document: its URL or registry number */
  documentRef: string | null;
  /** The permit this version corrects */
  supersedes: number | null;
  /** When a later version replaced this one (it then applies to no day); null while in force */
  supersededAt: string | null;
  stationId: number;
  createdAt: string;
};

export type StationReadingsDto = {
  stationId: number;
  resolution: 'raw' | 'hour' | 'day';
  from: string;
  to: string;
  readings?: ReadingDto[];
  buckets?: ReadingBucketDto[];
};

export type StationSummaryDto = {
  id: number;
  /** Station code used in MQTT topics */
  code: string;
  /** The English name */
  name: string;
  nameVi: string | null;
  kind: 'outlet' | 'inlet';
  /** How often the station is expected to report */
  expectedIntervalSeconds: number;
  /** Expected to report (false once retired) */
  active: boolean;
  /** WGS 84; null when not recorded */
  latitude: number | null;
  /** WGS 84; null when not recorded */
  longitude: number | null;
  /** First day it is no longer expected to report; its history stays. Null while in service */
  retiredOn: string | null;
};

export type StationTransmission = {
  stationId: number;
  stationCode: string;
  parkCode: string;
  from: string;
  /** exclusive */
  to: string;
  countedUntil: string;
  expected: number;
  received: number;
  rate: number | null;
  exceedanceDays: number;
  suspectedDays: number;
  judgedDays: number;
  parameters: TransmissionParameter[];
};

export type StreamTicket = {
  ticket: string;
  /** seconds */
  expiresIn: number;
};

export type TokenPair = {
  accessToken: string;
  /** seconds */
  expiresIn: number;
  refreshToken: string;
  user: SessionUser;
};

export type TransmissionParameter = {
  parameter: 'Flow' | 'Temp' | 'pH' | 'TSS' | 'COD' | 'NH4' | 'TN' | 'TP' | 'Color' | 'TOC' | 'Cl';
  cadenceSeconds: number;
  expected: number;
  received: number;
  valid: number;
  rate: number | null;
  validRate: number | null;
  hourExceedances: number;
  exceedanceDays: number;
  suspectedDays: number;
  judgedDays: number;
};

export type TreatmentPlantDto = {
  id: number;
  code: string;
  /** The English name */
  name: string;
  /** The Vietnamese name */
  nameVi: string | null;
  operatingStatus: 'operating' | 'under_construction' | 'planned' | 'suspended' | 'closed';
  /** Null when unknown */
  designCapacityM3PerDay: number | null;
  /** Null when unknown */
  receivingWater: string | null;
  /** Status tag and URL of the facts */
  source: string | null;
  stations: StationSummaryDto[];
};

export type User = {
  id: number;
  username: string;
  name: string;
  role: Role;
  parkIds: number[];
  disabled: boolean;
};

export type Violation = {
  code: 'chain_gap' | 'chain_order' | 'conflicting_events' | 'facility_mismatch' | 'manifest_mismatch' | 'storage_condition' | 'unregistered_generator' | 'party_not_licensed' | 'licence_expired' | 'mass_mismatch' | 'storage_overdue' | 'manifest_overdue' | 'treatment_unconfirmed' | 'TEXT';
  params: Record<string, (string | number | boolean) | null>;
};

export type WasteCode = {
  code: string;
  nameVi: string;
  nameEn: string | null;
  thresholdClass: ('KS' | 'NH') | null;
  evidence: string;
};

export type WasteEvent = {
  eventId: string;
  lotCode: string;
  type: string;
  occurredAt: string;
  gatewayCode: string;
  body: Record<string, unknown>;
  receivedAt: string;
};

export type WasteKpi = {
  lots: number;
  generatedKg: number;
  treatedConformingLots: number;
  treatedConformingKg: number;
  nonConformingLots: number;
  nonConformingKg: number;
  inProgressLots: number;
  inProgressKg: number;
  /** treatedConformingKg / generatedKg (target 1); null when nothing was generated */
  share: number | null;
  shareOfSettled: number | null;
};

export type WasteKpiView = {
  period: Period;
  asOf: string;
  policy: {
    massTolerance: number;
    maxStorageDays: number;
    manifestCloseDays: number;
  };
  target: number;
  city: WasteKpi;
  parks: ParkWasteKpi[];
  withoutPark: WasteKpi;
  declared: DeclaredWasteView;
};

export type WasteLot = {
  lotCode: string;
  state: 'stored' | 'handed_over' | 'received' | 'treated';
  generatorCode: string | null;
  parkId: number | null;
  wasteCode: string | null;
  anchorAt: string;
  generatedAt: string | null;
  generatedKg: number | null;
  manifestNumber: string | null;
  transporterCode: string | null;
  facilityCode: string | null;
  handedOverAt: string | null;
  handedOverKg: number | null;
  receivedAt: string | null;
  receivedKg: number | null;
  treatedAt: string | null;
  treatmentMethod: string | null;
  certificate: string | null;
  findings: Violation[];
  eventCount: number;
};

export type WasteParty = {
  id: number;
  code: string;
  name: string;
  kind: 'generator' | 'transporter' | 'treatment_facility';
  parkId: number | null;
};

export type WastePartyDetail = WasteParty & {
  licences: {
    id: number;
    partyId: number;
    licenceNumber: string;
    wasteCodes: string[];
    validFrom: string;
    /** exclusive; null: no end */
    validTo: string | null;
  }[];
};

export type WasteTracking = 'tracked' | 'not_tracked' | 'no_data';

/** Each operation (`METHOD /path`): its JSON body, if it takes one, and its answer (200 or 201). */
export interface ApiOperations {
  'GET /api/admin/audit': {
    response: AuditEntry[];
  };
  'GET /api/admin/devices': {
    response: AdminDevice[];
  };
  'POST /api/admin/devices': {
    body: {
      /** the MQTT username and part of topics */
      code: string;
      kind: 'analyzer' | 'gateway' | 'scale';
      /** an analyzer's station code */
      station?: string;
      /** a gateway's or scale's park code */
      park?: string;
    };
    response: IssuedDeviceCredentials;
  };
  'POST /api/admin/devices/{code}/revoke': {
    response: AdminDevice;
  };
  'POST /api/admin/devices/{code}/rotate': {
    response: IssuedDeviceCredentials;
  };
  'GET /api/admin/users': {
    response: User[];
  };
  'POST /api/admin/users': {
    body: {
      username: string;
      name: string;
      role: 'admin' | 'officer' | 'park_operator' | 'manager';
      parkCodes?: string[];
      /** left out: one is generated and answered this once */
      password?: string;
    };
    response: SavedUser;
  };
  'PATCH /api/admin/users/{username}': {
    body: {
      name?: string;
      role?: 'admin' | 'officer' | 'park_operator' | 'manager';
      parkCodes?: string[];
    };
    response: User;
  };
  'POST /api/admin/users/{username}/disable': {
    response: User;
  };
  'POST /api/admin/users/{username}/enable': {
    response: User;
  };
  'GET /api/alerts': {
    response: Alert[];
  };
  'GET /api/alerts/dead-letters': {
    response: AlertDeadLetter[];
  };
  'GET /api/alerts/recipients': {
    response: AlertRecipient[];
  };
  'POST /api/alerts/recipients': {
    body: {
      name: string;
      role: string;
      parkId?: number | null;
      /** escalation level; default 0 */
      level?: number | null;
      minSeverity?: 'info' | 'warning' | 'critical';
      email?: string | null;
      webhookUrl?: string | null;
      /** a platform user told in-app (the user's notification centre) */
      userId?: number | null;
    };
    response: AlertRecipient;
  };
  'PUT /api/alerts/recipients/{id}': {
    body: {
      name: string;
      role: string;
      parkId?: number | null;
      /** escalation level; default 0 */
      level?: number | null;
      minSeverity?: 'info' | 'warning' | 'critical';
      email?: string | null;
      webhookUrl?: string | null;
      /** a platform user told in-app (the user's notification centre) */
      userId?: number | null;
    };
    response: AlertRecipient;
  };
  'DELETE /api/alerts/recipients/{id}': {
    response: AlertRecipient;
  };
  'GET /api/alerts/rules': {
    response: AlertRule[];
  };
  'POST /api/alerts/rules': {
    body: {
      code: string;
      kind: 'threshold' | 'window_mean' | 'rate_of_change' | 'no_data' | 'device_offline' | 'status_stuck' | 'waste_violation' | 'daily_exceedance' | 'data_quality';
      severity?: 'info' | 'warning' | 'critical';
      parkId?: number | null;
      stationId?: number | null;
      parameter?: string | null;
      settings?: Record<string, number>;
      enabled?: boolean;
    };
    response: AlertRule;
  };
  'PATCH /api/alerts/rules/{id}': {
    body: {
      severity?: 'info' | 'warning' | 'critical';
      parkId?: number | null;
      stationId?: number | null;
      parameter?: string | null;
      settings?: Record<string, number>;
      enabled?: boolean;
    };
    response: AlertRule;
  };
  'GET /api/alerts/silences': {
    response: AlertSilence[];
  };
  'POST /api/alerts/silences': {
    body: {
      parkId?: number | null;
      stationId?: number | null;
      ruleKind?: ('threshold' | 'window_mean' | 'rate_of_change' | 'no_data' | 'device_offline' | 'status_stuck' | 'waste_violation' | 'daily_exceedance' | 'data_quality') | null;
      startsAt: string;
      endsAt: string;
      reason: string;
      createdBy?: string | null;
    };
    response: AlertSilence;
  };
  'POST /api/alerts/silences/{id}/end': {
    response: AlertSilence;
  };
  'GET /api/alerts/stream': {
    response: unknown;
  };
  'GET /api/alerts/{id}': {
    response: AlertDetail;
  };
  'POST /api/alerts/{id}/acknowledge': {
    response: Alert;
  };
  'POST /api/alerts/{id}/resolve': {
    response: Alert;
  };
  'POST /api/auth/login': {
    body: {
      username: string;
      password: string;
    };
    response: TokenPair;
  };
  'POST /api/auth/logout': {
    body: {
      refreshToken: string;
    };
    response: void;
  };
  'GET /api/auth/me': {
    response: SessionUser;
  };
  'POST /api/auth/refresh': {
    body: {
      refreshToken: string;
    };
    response: TokenPair;
  };
  'POST /api/auth/stream-ticket': {
    response: StreamTicket;
  };
  'GET /api/board/latest': {
    response: BoardStation[];
  };
  'GET /api/board/stations/{id}/transmission': {
    response: StationTransmission;
  };
  'GET /api/board/transmission': {
    response: StationTransmission[];
  };
  'POST /api/city-reports': {
    body: {
      /** '2026-10' (month), '2026-Q4' (quarter) or '2026' (year) */
      period: string;
      kind?: 'month' | 'quarter' | 'year';
      language?: 'vi' | 'en';
    };
    response: CityReport;
  };
  'GET /api/city-reports': {
    response: CityReport[];
  };
  'GET /api/city-reports/settings': {
    response: CityReportSettings;
  };
  'PUT /api/city-reports/settings': {
    body: {
      governingBody: string;
      issuingAgency: string;
      /** the symbol after the number: '123/BC-BQL' */
      symbol: string;
      place: string;
      addressee: string;
      /** e.g. 'KT. TRƯỞNG BAN'; empty when signing in one's own right */
      signerAuthority: string;
      signerPosition: string;
      signerName: string;
      recipients: string[];
    };
    response: CityReportSettings;
  };
  'GET /api/city-reports/{id}': {
    response: CityReport;
  };
  'GET /api/city-reports/{id}/document.pdf': {
    response: unknown;
  };
  'GET /api/city-reports/{id}/document.xlsx': {
    response: unknown;
  };
  'POST /api/city-reports/{id}/issue': {
    response: CityReport;
  };
  'GET /api/compliance/kpi': {
    response: ComplianceKpi;
  };
  'GET /api/compliance/parks': {
    response: ParkPeriod[];
  };
  'GET /api/compliance/parks/{code}': {
    response: ParkPeriod;
  };
  'GET /api/data-quality/rules': {
    response: DataQualityRule[];
  };
  'PUT /api/data-quality/rules/{code}': {
    body: {
      raiseAfter?: number;
      clearAfter?: number;
      weight?: number;
      enabled?: boolean;
      /** the rule's thresholds */
      settings?: Record<string, unknown>;
    };
    response: DataQualityRule;
  };
  'GET /api/health': {
    response: HealthDto;
  };
  'GET /api/me/notification-preferences': {
    response: NotificationPreferences;
  };
  'PUT /api/me/notification-preferences': {
    body: {
      /** the parks followed; null: every park the user may see */
      parkIds: number[] | null;
      /** what to be told of; empty: nothing (unsubscribed) */
      topics: ('exceedance' | 'no_data' | 'waste' | 'data_quality')[];
      minSeverity?: 'info' | 'warning' | 'critical';
      /** in the notification centre */
      inApp?: boolean;
      /** null: no e-mail */
      email?: string | null;
    };
    response: NotificationPreferences;
  };
  'GET /api/notifications': {
    response: {
      unread: number;
      notifications: {
        id: number;
        event: 'opened' | 'escalated' | 'reminder' | 'resolved';
        createdAt: string;
        readAt: string | null;
        alert: Alert;
      }[];
    };
  };
  'POST /api/notifications/{id}/read': {
    response: void;
  };
  'GET /api/open/v1': {
    response: {
      dataset?: string;
      licence?: {
        name?: string;
        url?: string;
      };
      publisher?: string;
      generatedAt?: string;
      data?: {
        datasets?: {
          id?: string;
          title?: string;
          url?: string;
        }[];
      };
    };
  };
  'GET /api/open/v1/kpi': {
    response: {
      dataset?: string;
      licence?: {
        name?: string;
        url?: string;
      };
      publisher?: string;
      generatedAt?: string;
      data?: {
        /** The wastewater target; the hazardous-waste target is beside it (hazardousWaste). */
        wastewater?: {
          operatingParks?: number;
          parksMeetingStandard?: number;
          share?: number | null;
          /** The standing rests on a provisional verdict: a day in progress judged so far, or a closed day still inside its late-data window. It may change until the day is final; false once every day it rests on is final. */
          provisional?: boolean;
          notMeeting?: {
            parkCode?: string;
            parkName?: string;
            status?: string;
            /** The standing rests on a provisional verdict: a day in progress judged so far, or a closed day still inside its late-data window. It may change until the day is final; false once every day it rests on is final. */
            provisional?: boolean;
          }[];
        };
      };
    };
  };
  'GET /api/open/v1/monitoring/stations': {
    response: {
      dataset?: string;
      licence?: {
        name?: string;
        url?: string;
      };
      publisher?: string;
      generatedAt?: string;
      data?: {
        parkCode?: string;
        parkName?: string;
        parkNameVi?: string | null;
        stationId?: number;
        stationCode?: string;
        stationName?: string;
        stationNameVi?: string | null;
        /** the permit in force today (null: none, so nothing is judged) */
        permit?: {
          number?: string | null;
          standard?: string;
          column?: string;
        } | null;
        limits?: {
          parameter?: string;
          min?: number | null;
          max?: number | null;
        }[];
      }[];
    };
  };
  'GET /api/open/v1/monitoring/stations/{id}/readings': {
    response: {
      dataset?: string;
      licence?: {
        name?: string;
        url?: string;
      };
      publisher?: string;
      generatedAt?: string;
      data?: {
        station?: {
          parkCode?: string;
          parkName?: string;
          parkNameVi?: string | null;
          stationId?: number;
          stationCode?: string;
          stationName?: string;
          stationNameVi?: string | null;
        };
        /** the window served: the one asked for, within the last 30 days */
        window?: {
          from?: string;
          to?: string;
        };
        readings?: {
          parkCode?: string;
          stationCode?: string;
          parameter?: string;
          value?: number;
          unit?: string | null;
          /** local time, ISO 8601 with +07:00 */
          time?: string;
          /** 00 measuring, 01 calibrating, 02 device error */
          status?: string;
          limitMin?: number | null;
          limitMax?: number | null;
          /** an officer's correction replaced the value or status */
          corrected?: boolean;
        }[];
        /** where the window continues (null: complete) */
        nextFrom?: string | null;
        /** the URL of the next page */
        next?: string | null;
      };
    };
  };
  'GET /api/open/v1/parks/daily': {
    response: {
      dataset?: string;
      licence?: {
        name?: string;
        url?: string;
      };
      publisher?: string;
      generatedAt?: string;
      data?: {
        day?: string;
        parkCode?: string;
        parkName?: string;
        status?: 'compliant' | 'exceedance' | 'suspected_exceedance' | 'insufficient_data' | 'no_permit' | 'no_operating_plant' | 'not_operating';
        outlets?: number;
        compliantOutlets?: number;
        exceedanceOutlets?: number;
        /** outlets with a suspected exceedance awaiting an officer's review */
        suspectedExceedanceOutlets?: number;
        insufficientDataOutlets?: number;
        noPermitOutlets?: number;
        missingOutlets?: number;
        /** The standing rests on a provisional verdict: a day in progress judged so far, or a closed day still inside its late-data window. It may change until the day is final; false once every day it rests on is final. */
        provisional?: boolean;
      }[];
    };
  };
  'GET /api/parks': {
    response: ParkDto[];
  };
  'POST /api/parks': {
    body: {
      code: string;
      /** The Vietnamese name */
      nameVi: string;
      /** The English name; default: nameVi */
      name?: string;
      economicZone?: string | null;
      district?: string | null;
      developer?: string | null;
      areaHa?: number | null;
      operatingStatus?: 'operating' | 'under_construction' | 'planned' | 'suspended' | 'closed';
      /** WGS 84 degrees north, within Viet Nam */
      latitude?: number | null;
      /** WGS 84 degrees east, within Viet Nam */
      longitude?: number | null;
    };
    response: ParkDto;
  };
  'GET /api/parks/{code}': {
    response: ParkDto;
  };
  'PATCH /api/parks/{code}': {
    body: {
      /** The Vietnamese name */
      nameVi?: string;
      /** The English name; default: nameVi */
      name?: string;
      economicZone?: string | null;
      district?: string | null;
      developer?: string | null;
      areaHa?: number | null;
      operatingStatus?: 'operating' | 'under_construction' | 'planned' | 'suspended' | 'closed';
      /** WGS 84 degrees north, within Viet Nam */
      latitude?: number | null;
      /** WGS 84 degrees east, within Viet Nam */
      longitude?: number | null;
    };
    response: ParkDto;
  };
  'POST /api/parks/{code}/treatment-plants': {
    body: {
      code: string;
      /** The Vietnamese name */
      nameVi: string;
      /** The English name; default: nameVi */
      name?: string;
      designCapacityM3PerDay?: number | null;
      receivingWater?: string | null;
      operatingStatus?: 'operating' | 'under_construction' | 'planned' | 'suspended' | 'closed';
    };
    response: TreatmentPlantDto;
  };
  'PATCH /api/parks/{code}/treatment-plants/{plantCode}': {
    body: {
      /** The Vietnamese name */
      nameVi?: string;
      /** The English name; default: nameVi */
      name?: string;
      designCapacityM3PerDay?: number | null;
      receivingWater?: string | null;
      operatingStatus?: 'operating' | 'under_construction' | 'planned' | 'suspended' | 'closed';
    };
    response: TreatmentPlantDto;
  };
  'GET /api/permits/{id}': {
    response: StationPermitDto;
  };
  'POST /api/permits/{id}/supersede': {
    body: {
      /** The GPMT number */
      permitNumber?: string;
      standardVersion?: string;
      columnCode?: 'A' | 'B' | 'C';
      /** Kq of the receiving water; null: 1 */
      kq?: number | null;
      /** The discharge flow the permit allows (m3/day): Kf comes from it by the standard's Kf table */
      permittedFlowM3PerDay?: number;
      /** Kf stated explicitly, with kfReason (instead of the flow) */
      kf?: number;
      kfReason?: string;
      /** Parameters judged */
      parameters?: ('Flow' | 'Temp' | 'pH' | 'TSS' | 'COD' | 'NH4' | 'TN' | 'TP' | 'Color' | 'TOC' | 'Cl')[];
      /** The permit's own rules per judged parameter */
      limits?: {
        parameterCode: 'Flow' | 'Temp' | 'pH' | 'TSS' | 'COD' | 'NH4' | 'TN' | 'TP' | 'Color' | 'TOC' | 'Cl';
        /** Lower bound (pH); null: none */
        min?: number | null;
        /** Upper bound, replacing the standard's C x Kq x Kf */
        max?: number | null;
        windows?: (('hour' | 'day')[]) | null;
        flatlineRecords?: number | null;
      }[];
      windows?: ('hour' | 'day')[];
      minCapture?: number;
      flatlineRecords?: number;
      /** First day in force */
      effectiveFrom?: string;
      /** Exclusive; null: open-ended */
      effectiveTo?: string | null;
      /** The permit document: its URL or archive number */
      documentRef?: string | null;
      /** Why the permit is corrected */
      reason: string;
    };
    response: StationPermitDto;
  };
  'GET /api/quarantine': {
    response: QuarantinedMessage[];
  };
  'POST /api/report-submissions': {
    body: {
      /** '2026-10' (month), '2026-Q4' (quarter) or '2026' (year) */
      period: string;
      kind?: 'month' | 'quarter' | 'year';
      /** progress of the plan in the park */
      progress?: string;
      /** difficulties met */
      difficulties?: string;
      /** proposals to the Authority */
      proposals?: string;
    };
    response: ReportSubmission;
  };
  'GET /api/report-submissions': {
    response: ReportSubmission[];
  };
  'GET /api/report-submissions/{id}': {
    response: ReportSubmission;
  };
  'PATCH /api/report-submissions/{id}': {
    body: {
      /** progress of the plan in the park */
      progress?: string;
      /** difficulties met */
      difficulties?: string;
      /** proposals to the Authority */
      proposals?: string;
    };
    response: ReportSubmission;
  };
  'POST /api/report-submissions/{id}/approve': {
    body: {
      comment?: string;
    };
    response: ReportSubmission;
  };
  'POST /api/report-submissions/{id}/return': {
    body: {
      /** the reviewer's comments: what to correct */
      comment: string;
    };
    response: ReportSubmission;
  };
  'POST /api/report-submissions/{id}/submit': {
    body: {
      /** progress of the plan in the park */
      progress?: string;
      /** difficulties met */
      difficulties?: string;
      /** proposals to the Authority */
      proposals?: string;
    };
    response: ReportSubmission;
  };
  'GET /api/reports/progress': {
    response: unknown;
  };
  'GET /api/reports/runs': {
    response: ReportRun[];
  };
  'GET /api/reports/subscriptions': {
    response: ReportSubscription[];
  };
  'POST /api/reports/subscriptions': {
    body: {
      email: string;
      language?: 'vi' | 'en';
      periodKinds: ('month' | 'quarter' | 'year')[];
      formats?: ('pdf' | 'xlsx' | 'csv')[];
      /** one park's report only; left out: the city */
      parkCode?: string | null;
    };
    response: ReportSubscription;
  };
  'DELETE /api/reports/subscriptions/{id}': {
    response: void;
  };
  'GET /api/stations': {
    response: StationDto[];
  };
  'POST /api/stations': {
    body: {
      /** The treatment plant the station samples */
      plantCode: string;
      /** Station code used in MQTT topics */
      code: string;
      kind: 'outlet' | 'inlet';
      /** The Vietnamese name */
      nameVi: string;
      /** The English name; default: nameVi */
      name?: string;
      expectedIntervalSeconds?: number;
      /** WGS 84 degrees north, within Viet Nam */
      latitude?: number | null;
      /** WGS 84 degrees east, within Viet Nam */
      longitude?: number | null;
    };
    response: StationDetailDto;
  };
  'GET /api/stations/{id}': {
    response: StationDetailDto;
  };
  'PATCH /api/stations/{id}': {
    body: {
      /** The Vietnamese name */
      nameVi?: string;
      /** The English name; default: nameVi */
      name?: string;
      expectedIntervalSeconds?: number;
      /** WGS 84 degrees north, within Viet Nam */
      latitude?: number | null;
      /** WGS 84 degrees east, within Viet Nam */
      longitude?: number | null;
    };
    response: StationDetailDto;
  };
  'PUT /api/stations/{id}/cadences/{parameter}': {
    body: {
      /** seconds between records, dividing the day (e.g. 300, 900, 1800); null: the default */
      cadenceSeconds: number | null;
    };
    response: ParameterCadenceDto[];
  };
  'GET /api/stations/{id}/calibration-schedules': {
    response: CalibrationSchedule[];
  };
  'PUT /api/stations/{id}/calibration-schedules/{parameter}': {
    body: {
      /** null: drop the schedule (and give no other field) */
      schedule?: null;
      everyDays?: number;
      /** a local day on which calibration is due */
      anchorDay?: string;
      /** local time HH:MM */
      windowStart?: string;
      windowMinutes?: number;
      maxPerDay?: number;
    };
    response: CalibrationSchedule[];
  };
  'GET /api/stations/{id}/compliance': {
    response: StationDaily;
  };
  'GET /api/stations/{id}/compliance/set-aside-reviews': {
    response: SetAsideReview[];
  };
  'POST /api/stations/{id}/compliance/{day}/set-aside-reviews': {
    body: {
      /** the parameter whose set-aside readings are reviewed */
      parameter: 'Flow' | 'Temp' | 'pH' | 'TSS' | 'COD' | 'NH4' | 'TN' | 'TP' | 'Color' | 'TOC' | 'Cl';
      /** confirmed: the set-aside readings are real measurements and are judged as valid (an exceedance they show stands); rejected: they are instrument faults and stay set aside */
      decision: 'confirmed' | 'rejected';
      note: string;
    };
    response: SetAsideReviewResult;
  };
  'GET /api/stations/{id}/data-quality': {
    response: StationDataQuality;
  };
  'GET /api/stations/{id}/inspections': {
    response: Inspection[];
  };
  'POST /api/stations/{id}/inspections': {
    body: {
      startsAt: string;
      endsAt: string;
      reference?: string | null;
    };
    response: Inspection;
  };
  'GET /api/stations/{id}/limits': {
    response: StationLimits;
  };
  'GET /api/stations/{id}/permits': {
    response: StationPermitDto[];
  };
  'POST /api/stations/{id}/permits': {
    body: {
      /** The GPMT number */
      permitNumber: string;
      standardVersion: string;
      columnCode: 'A' | 'B' | 'C';
      /** Kq of the receiving water; null: 1 */
      kq?: number | null;
      /** The discharge flow the permit allows (m3/day): Kf comes from it by the standard's Kf table */
      permittedFlowM3PerDay?: number;
      /** Kf stated explicitly, with kfReason (instead of the flow) */
      kf?: number;
      kfReason?: string;
      /** Parameters judged */
      parameters: ('Flow' | 'Temp' | 'pH' | 'TSS' | 'COD' | 'NH4' | 'TN' | 'TP' | 'Color' | 'TOC' | 'Cl')[];
      /** The permit's own rules per judged parameter */
      limits?: {
        parameterCode: 'Flow' | 'Temp' | 'pH' | 'TSS' | 'COD' | 'NH4' | 'TN' | 'TP' | 'Color' | 'TOC' | 'Cl';
        /** Lower bound (pH); null: none */
        min?: number | null;
        /** Upper bound, replacing the standard's C x Kq x Kf */
        max?: number | null;
        windows?: (('hour' | 'day')[]) | null;
        flatlineRecords?: number | null;
      }[];
      windows?: ('hour' | 'day')[];
      minCapture?: number;
      flatlineRecords?: number;
      /** First day in force */
      effectiveFrom: string;
      /** Exclusive; null: open-ended */
      effectiveTo?: string | null;
      /** The permit document: its URL or archive number */
      documentRef?: string | null;
    };
    response: StationPermitDto;
  };
  'GET /api/stations/{id}/readings': {
    response: StationReadingsDto;
  };
  'GET /api/stations/{id}/readings.csv': {
    response: unknown;
  };
  'POST /api/stations/{id}/readings/correction-proposals': {
    body: {
      parameter: 'Flow' | 'Temp' | 'pH' | 'TSS' | 'COD' | 'NH4' | 'TN' | 'TP' | 'Color' | 'TOC' | 'Cl';
      /** The corrected reading's time exactly as stored, ISO 8601 with its zone */
      time: string;
      /** Corrected value in the parameter's stored unit; left out: as the reading stands now */
      value?: number;
      /** Corrected Circular 10/2021 status; left out: as the reading stands now */
      status?: '00' | '01' | '02';
      /** true: the reading is declared invalid and no longer counts at all (value and status left out) */
      withdrawn?: boolean;
      reasonCode: 'CALIBRATION' | 'DEVICE_FAULT' | 'MAINTENANCE' | 'SAMPLING' | 'TRANSMISSION' | 'OTHER';
      note: string;
    };
    response: CorrectionProposalDto;
  };
  'GET /api/stations/{id}/readings/correction-proposals': {
    response: CorrectionProposalDto[];
  };
  'POST /api/stations/{id}/readings/correction-proposals/{proposalId}/review': {
    body: {
      decision: 'approve' | 'reject';
      /** Why; required to reject */
      note?: string;
    };
    response: CorrectionProposalDto;
  };
  'POST /api/stations/{id}/readings/corrections': {
    body: {
      parameter: 'Flow' | 'Temp' | 'pH' | 'TSS' | 'COD' | 'NH4' | 'TN' | 'TP' | 'Color' | 'TOC' | 'Cl';
      /** The corrected reading's time exactly as stored, ISO 8601 with its zone */
      time: string;
      /** Corrected value in the parameter's stored unit; left out: as the reading stands now */
      value?: number;
      /** Corrected Circular 10/2021 status; left out: as the reading stands now */
      status?: '00' | '01' | '02';
      /** true: the reading is declared invalid and no longer counts at all (value and status left out) */
      withdrawn?: boolean;
      reason: string;
    };
    response: ReadingCorrectionDto;
  };
  'GET /api/stations/{id}/readings/corrections': {
    response: ReadingCorrectionDto[];
  };
  'POST /api/stations/{id}/retire': {
    body: {
      /** First day the station is no longer expected; default: today */
      retiredOn?: string;
      reason: string;
    };
    response: StationDetailDto;
  };
  'GET /api/waste/codes': {
    response: WasteCode[];
  };
  'GET /api/waste/kpi': {
    response: WasteKpiView;
  };
  'GET /api/waste/lots/{code}': {
    response: LotView;
  };
  'GET /api/waste/manifests': {
    response: ManifestView;
  };
  'GET /api/waste/parks/{code}': {
    response: ParkWaste;
  };
  'GET /api/waste/parties': {
    response: WasteParty[];
  };
  'GET /api/waste/parties/{code}': {
    response: WastePartyDetail;
  };
  'GET /api/waste/reports/annual': {
    response: AnnualWasteReport;
  };
}
