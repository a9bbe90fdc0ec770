// Response shapes of the registry API, documented for Swagger. The service returns plain objects of
// these shapes; nothing here is instantiated.
import { ApiProperty } from '@nestjs/swagger';
import {
  COMPLIANCE_WINDOWS,
  ComplianceWindow,
  DEVICE_KINDS,
  DeviceKind,
  OPERATING_STATUSES,
  OperatingStatus,
  PERMIT_COLUMNS,
  PermitColumn,
  STATION_KINDS,
  StationKind,
} from '../storage/registry.types';

export class StationSummaryDto {
  @ApiProperty({ example: 1 })
  id!: number;

  @ApiProperty({ example: 'VSIP-HP-CETP-OUT', description: 'Station code used in MQTT topics' })
  code!: string;

  @ApiProperty({ example: 'VSIP Hai Phong CETP outlet', description: 'The English name' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Cửa xả trạm XLNT VSIP Hải Phòng' })
  nameVi!: string | null;

  @ApiProperty({ enum: STATION_KINDS, example: 'outlet' })
  kind!: StationKind;

  @ApiProperty({ example: 300, description: 'How often the station is expected to report' })
  expectedIntervalSeconds!: number;

  @ApiProperty({ example: true, description: 'Expected to report (false once retired)' })
  active!: boolean;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 20.83,
    description: 'WGS 84; null when not recorded',
  })
  latitude!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 106.74,
    description: 'WGS 84; null when not recorded',
  })
  longitude!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'First day it is no longer expected to report; its history stays. Null while in service',
  })
  retiredOn!: string | null;
}

export class TreatmentPlantDto {
  @ApiProperty({ example: 1 })
  id!: number;

  @ApiProperty({ example: 'VSIP-HP-CETP' })
  code!: string;

  @ApiProperty({
    example: 'VSIP Hai Phong centralized wastewater treatment plant',
    description: 'The English name',
  })
  name!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The Vietnamese name' })
  nameVi!: string | null;

  @ApiProperty({ enum: OPERATING_STATUSES, example: 'operating' })
  operatingStatus!: OperatingStatus;

  @ApiProperty({ type: Number, nullable: true, example: 4500, description: 'Null when unknown' })
  designCapacityM3PerDay!: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'Null when unknown' })
  receivingWater!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Status tag and URL of the facts' })
  source!: string | null;

  @ApiProperty({ type: () => [StationSummaryDto] })
  stations!: StationSummaryDto[];
}

export class ParkDto {
  @ApiProperty({ example: 1 })
  id!: number;

  @ApiProperty({ example: 'VSIP-HP', description: 'Park code used in MQTT topics' })
  code!: string;

  @ApiProperty({ example: 'VSIP Hai Phong' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Khu công nghiệp VSIP Hải Phòng' })
  nameVi!: string | null;

  @ApiProperty({ type: String, nullable: true })
  developer!: string | null;

  @ApiProperty({ type: String, nullable: true })
  economicZone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  district!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 1567, description: 'Null when no source gives it' })
  areaHa!: number | null;

  @ApiProperty({ enum: OPERATING_STATUSES, example: 'operating' })
  operatingStatus!: OperatingStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Status tag and URL, then a note on gaps' })
  source!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 20.83,
    description: 'WGS 84; null when not recorded',
  })
  latitude!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 106.74,
    description: 'WGS 84; null when not recorded',
  })
  longitude!: number | null;

  @ApiProperty({ type: () => [TreatmentPlantDto] })
  treatmentPlants!: TreatmentPlantDto[];
}

export class StationDto extends StationSummaryDto {
  @ApiProperty({ example: 1 })
  plantId!: number;

  @ApiProperty({ example: 'VSIP-HP-CETP' })
  plantCode!: string;

  @ApiProperty({ example: 'VSIP-HP' })
  parkCode!: string;
}

export class PermitParameterLimitDto {
  @ApiProperty({ example: 'COD' })
  parameterCode!: string;

  @ApiProperty({ type: Number, nullable: true })
  min!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 120 })
  max!: number | null;

  @ApiProperty({ enum: COMPLIANCE_WINDOWS, isArray: true, nullable: true, required: false })
  windows?: ComplianceWindow[] | null;
}

export class DischargePermitDto {
  @ApiProperty()
  id!: number;

  @ApiProperty({ type: String, nullable: true })
  permitNumber!: string | null;

  @ApiProperty({ example: 'QCVN40:2011' })
  standardVersion!: string;

  @ApiProperty({ enum: PERMIT_COLUMNS })
  columnCode!: PermitColumn;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'From the permit; an empty one counts as 1 when judging',
  })
  kq!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'From the permit; an empty one counts as 1 when judging',
  })
  kf!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The discharge flow the permit allows, m3/day (Kf is derived from it by the Kf table)',
  })
  permittedFlowM3PerDay!: number | null;

  @ApiProperty({
    enum: ['flow_table', 'explicit'],
    nullable: true,
    description:
      "Where Kf comes from: the standard's Kf table for the permitted flow, or stated with kfReason; null on permits recorded before either was kept",
  })
  kfSource!: 'flow_table' | 'explicit' | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why an explicit Kf was stated' })
  kfReason!: string | null;

  @ApiProperty({ example: '2026-01-01' })
  effectiveFrom!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Exclusive; null while in force' })
  effectiveTo!: string | null;

  @ApiProperty({
    type: [String],
    example: ['Temp', 'pH', 'TSS', 'COD', 'NH4'],
    description: 'Parameters judged',
  })
  parameters!: string[];

  @ApiProperty({ enum: COMPLIANCE_WINDOWS, isArray: true, description: 'Averaging windows judged' })
  windows!: ComplianceWindow[];

  @ApiProperty({ example: 0.75, description: 'Minimum valid / expected records for a window to count' })
  minCapture!: number;

  @ApiProperty({ example: 12, description: 'Identical consecutive readings that make a flat-line (invalid)' })
  flatlineRecords!: number;

  @ApiProperty({ type: [PermitParameterLimitDto], description: "The permit's own rules per parameter" })
  limits!: PermitParameterLimitDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The permit document: its URL or registry number',
  })
  documentRef!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The permit this version corrects' })
  supersedes!: number | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When a later version replaced this one (it then applies to no day); null while in force',
  })
  supersededAt!: Date | null;
}

export class StationPermitDto extends DischargePermitDto {
  @ApiProperty()
  stationId!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export class DeviceDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  code!: string;

  @ApiProperty({ enum: DEVICE_KINDS })
  kind!: DeviceKind;
}

export class ParameterCadenceDto {
  @ApiProperty({ example: 'COD' })
  parameterCode!: string;

  @ApiProperty({
    example: 900,
    description: 'Seconds between expected records: capture counts 86 400 / this a day',
  })
  cadenceSeconds!: number;

  @ApiProperty({
    enum: ['station', 'default', 'station_interval'],
    description:
      "station: registered for this station; default: the parameter's default (COD 15 min, NH4/TN/TP 30 min, others 5 min); station_interval: neither, the station's interval",
  })
  source!: 'station' | 'default' | 'station_interval';
}

export class StationDetailDto extends StationDto {
  @ApiProperty({ type: () => [DischargePermitDto], description: 'Discharge permits (GPMT), oldest first' })
  permits!: DischargePermitDto[];

  @ApiProperty({ type: () => [DeviceDto], description: 'Devices installed at the station' })
  devices!: DeviceDto[];

  @ApiProperty({
    type: () => [ParameterCadenceDto],
    description: "Each parameter's measurement cadence at the station, which data capture counts against",
  })
  cadences!: ParameterCadenceDto[];
}
