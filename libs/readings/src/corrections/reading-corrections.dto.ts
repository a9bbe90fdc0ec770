import { ApiProperty } from '@nestjs/swagger';
import { READING_STATUS_CODES, ReadingStatusCode } from '@hp/contracts';
import {
  CORRECTION_REASON_CODES,
  CorrectionReasonCode,
  PROPOSAL_STATES,
  ProposalState,
} from '../storage/correction-proposals.repository';

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

export class CorrectionProposalDto {
  @ApiProperty() id!: number;
  @ApiProperty() stationId!: number;
  @ApiProperty() parameter!: string;
  @ApiProperty({ description: "The reading's time" }) time!: string;
  @ApiProperty({ description: 'Its local day (Asia/Ho_Chi_Minh), judged again once approved' }) day!: string;
  @ApiProperty() withdrawn!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'null: as the reading stands (or withdrawn)' })
  value!: number | null;
  @ApiProperty({ nullable: true, enum: READING_STATUS_CODES, description: 'null: as the reading stands' })
  status!: ReadingStatusCode | null;
  @ApiProperty({ enum: CORRECTION_REASON_CODES }) reasonCode!: CorrectionReasonCode;
  @ApiProperty() note!: string;
  @ApiProperty({ description: 'Username of who proposed it' }) proposedBy!: string;
  @ApiProperty() proposedAt!: string;
  @ApiProperty({ enum: PROPOSAL_STATES }) state!: ProposalState;
  @ApiProperty({ nullable: true, type: String }) reviewedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewNote!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The correction an approval recorded' })
  correctionId!: number | null;
}
