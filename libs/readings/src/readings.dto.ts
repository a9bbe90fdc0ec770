import { ApiProperty } from '@nestjs/swagger';
import { READING_STATUS_CODES, ReadingStatusCode } from '@hp/contracts';
import { RESOLUTIONS, Resolution } from './readings-query';

export class ReadingDto {
  @ApiProperty({ example: '2026-11-27T03:05:00.000Z' }) time!: string;
  @ApiProperty({ example: 'COD' }) parameter!: string;
  @ApiProperty({ example: 42.1 }) value!: number;
  @ApiProperty({
    enum: READING_STATUS_CODES,
    description: 'Circular 10/2021: 00 measuring, 01 calibrating, 02 device error',
  })
  status!: ReadingStatusCode;
  @ApiProperty({ example: '2026-11-27T03:05:01.120Z' }) receivedAt!: string;
}

export class ReadingBucketDto {
  @ApiProperty({ description: 'Bucket start; day buckets start at local midnight (Asia/Ho_Chi_Minh)' })
  bucket!: string;
  @ApiProperty() parameter!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean of status-00 readings' }) avg!:
    number | null;
  @ApiProperty({ nullable: true, type: Number }) min!: number | null;
  @ApiProperty({ nullable: true, type: Number }) max!: number | null;
  @ApiProperty({ description: 'Readings with status 00' }) validCount!: number;
  @ApiProperty({ description: 'All readings, including 01 and 02' }) totalCount!: number;
}

export class StationReadingsDto {
  @ApiProperty() stationId!: number;
  @ApiProperty({ enum: RESOLUTIONS }) resolution!: Resolution;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [ReadingDto], required: false }) readings?: ReadingDto[];
  @ApiProperty({ type: [ReadingBucketDto], required: false }) buckets?: ReadingBucketDto[];
}
