import { ApiProperty } from '@nestjs/swagger';
import { READING_STATUS_CODES, ReadingStatusCode, WATER_PARAMETER_CODES } from '@hp/contracts';

export class CorrectionRequestDto {
  @ApiProperty({ enum: WATER_PARAMETER_CODES, example: 'COD' }) parameter!: string;
  @ApiProperty({
    example: '2026-11-27T03:05:00.000Z',
    description: "The corrected reading's time exactly as stored, ISO 8601 with its zone",
  })
  time!: string;
  @ApiProperty({
    required: false,
    example: 98.4,
    description: "Corrected value in the parameter's stored unit; left out: as the reading stands now",
  })
  value?: number;
  @ApiProperty({
    required: false,
    enum: READING_STATUS_CODES,
    description: 'Corrected Circular 10/2021 status; left out: as the reading stands now',
  })
  status?: ReadingStatusCode;
  @ApiProperty({
    required: false,
    default: false,
    description:
      'true: the reading is declared invalid and no longer counts at all (value and status left out)',
  })
  withdrawn?: boolean;
  @ApiProperty({ example: 'Air bubble in the COD analyzer cell, found at the 28/11 calibration' })
  reason!: string;
}

export class ReadingValueDto {
  @ApiProperty() value!: number;
  @ApiProperty({ enum: READING_STATUS_CODES }) status!: ReadingStatusCode;
}

export class ReadingCorrectionDto {
  @ApiProperty() id!: number;
  @ApiProperty() stationId!: number;
  @ApiProperty() parameter!: string;
  @ApiProperty({ description: "The corrected reading's time" }) time!: string;
  @ApiProperty({ description: 'Its local day (Asia/Ho_Chi_Minh), whose verdict is judged again' })
  day!: string;
  @ApiProperty() withdrawn!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'null when withdrawn' }) value!: number | null;
  @ApiProperty({ nullable: true, enum: READING_STATUS_CODES, description: 'null when withdrawn' })
  status!: ReadingStatusCode | null;
  @ApiProperty({ type: ReadingValueDto, description: 'The reading as received (it stays stored unchanged)' })
  original!: ReadingValueDto;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'Username of who recorded it' }) author!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'The earlier correction of the same reading this one replaces',
  })
  supersedes!: number | null;
}
