import { Inject, Injectable } from '@nestjs/common';
import { DomainError, localDayOf, statusValueToCode, WaterParameterCode } from '@hp/contracts';
import { AuditTrail } from '@hp/audit';
import { Database, DATABASE, SqlExecutor } from '@hp/storage';
import { RegistryReader } from '@hp/registry';
import { ReadingCorrection, ReadingCorrectionsRepository } from '../storage/reading-corrections.repository';
import { RecomputeMarksRepository } from '../storage/recompute-marks.repository';
import {
  CorrectionProposal,
  CorrectionProposalsRepository,
  ProposalState,
} from '../storage/correction-proposals.repository';
import { CorrectionProposalDto, ReadingCorrectionDto } from './reading-corrections.dto';
import { CorrectionProposalRequest, ReviewDecision } from './correction-proposal';
import { CorrectionRequest, CorrectionsListQuery } from './correction-request';

/**
 * Corrections of stored readings. A correction, the mark that gets its station-day judged again and its
 * audit entry commit together: a corrected reading never goes unjudged or unrecorded.
 */
@Injectable()
export class ReadingCorrectionsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly registry: RegistryReader,
    private readonly corrections: ReadingCorrectionsRepository,
    private readonly proposals: CorrectionProposalsRepository,
  ) {}

  async correct(
    stationId: number,
    request: CorrectionRequest,
    author: string,
  ): Promise<ReadingCorrectionDto> {
    const station = await this.registry.stations.findById(stationId);
    if (!station) throw DomainError.notFound('station', stationId);
    return this.db.transaction((tx) => this.record(tx, station.code, stationId, request, author));
  }

  /** Records a correction, marks its day for judging again and audits it, in the caller's transaction. */
  private async record(
    tx: SqlExecutor,
    stationCode: string,
    stationId: number,
    request: CorrectionRequest,
    author: string,
  ): Promise<ReadingCorrectionDto> {
    const result = await new ReadingCorrectionsRepository(tx).append({ ...request, stationId, author });
    const what = `${request.parameterCode} reading of station ${stationCode} at ${request.time.toISOString()}`;
    if (result.outcome === 'no_reading')
      throw new DomainError('NOT_FOUND', `no ${what} is stored: only stored readings can be corrected`, {
        what: 'reading',
        stationId,
        parameter: request.parameterCode,
        time: request.time.toISOString(),
      });
    if (result.outcome === 'corrected_meanwhile')
      throw new DomainError(
        'CONFLICT',
        `the ${what} was corrected by someone else at the same moment; look at its corrections and try again`,
      );
    const day = localDayOf(request.time);
    await new RecomputeMarksRepository(tx).mark([{ stationId, day }]);
    await new AuditTrail(tx).append({
      actor: author,
      action: 'reading.correct',
      subject: `station:${stationCode}`,
      before: {
        parameter: request.parameterCode,
        time: request.time.toISOString(),
        ...result.before,
        status: result.before.status === null ? null : statusValueToCode(result.before.status),
      },
      after: toCorrectionDto(result.correction),
    });
    return toCorrectionDto(result.correction);
  }

  /** Records a proposed correction of a stored reading, to be reviewed by another editor (audited). */
  async propose(
    stationId: number,
    request: CorrectionProposalRequest,
    proposedBy: string,
  ): Promise<CorrectionProposalDto> {
    const station = await this.registry.stations.findById(stationId);
    if (!station) throw DomainError.notFound('station', stationId);
    return this.db.transaction(async (tx) => {
      const proposal = await new CorrectionProposalsRepository(tx).insert({
        ...request,
        stationId,
        proposedBy,
      });
      if (!proposal)
        throw new DomainError(
          'NOT_FOUND',
          `no ${request.parameterCode} reading of station ${station.code} at ${request.time.toISOString()} is stored: only stored readings can be corrected`,
          { what: 'reading', stationId, parameter: request.parameterCode, time: request.time.toISOString() },
        );
      const dto = toProposalDto(proposal);
      await new AuditTrail(tx).append({
        actor: proposedBy,
        action: 'reading.correction.propose',
        subject: `station:${station.code}`,
        before: null,
        after: dto,
      });
      return dto;
    });
  }

  async listProposals(
    stationId: number,
    query: { state?: ProposalState; limit?: number },
  ): Promise<CorrectionProposalDto[]> {
    if (!(await this.registry.stations.findById(stationId))) throw DomainError.notFound('station', stationId);
    return (
      await this.proposals.listForStation(stationId, { state: query.state, limit: query.limit ?? 100 })
    ).map(toProposalDto);
  }

  /**
   * Approves or rejects a pending proposal. Its proposer cannot review it (403). An approval records the
   * correction (author: the proposer; the reason: its code and note) and gets the day judged again, in the
   * same transaction as the decision and its audit entry.
   */
  async review(
    stationId: number,
    proposalId: number,
    review: { decision: ReviewDecision; note: string | null },
    reviewer: string,
  ): Promise<CorrectionProposalDto> {
    const station = await this.registry.stations.findById(stationId);
    if (!station) throw DomainError.notFound('station', stationId);
    return this.db.transaction(async (tx) => {
      const proposals = new CorrectionProposalsRepository(tx);
      const proposal = await proposals.lockForReview(stationId, proposalId);
      if (!proposal) throw DomainError.notFound('correction proposal', proposalId);
      if (proposal.state !== 'pending')
        throw new DomainError('CONFLICT', `correction proposal ${proposalId} was already ${proposal.state}`, {
          reason: 'ALREADY_REVIEWED',
          state: proposal.state,
        });
      if (proposal.proposedBy === reviewer)
        throw new DomainError('FORBIDDEN', 'a correction is reviewed by someone other than its proposer', {
          reason: 'OWN_PROPOSAL',
        });
      let correctionId: number | null = null;
      if (review.decision === 'approve') {
        const head = {
          parameterCode: proposal.parameterCode as WaterParameterCode,
          time: proposal.time,
          reason: `${proposal.reasonCode}: ${proposal.note}`,
        };
        const change: CorrectionRequest = proposal.withdrawn
          ? { ...head, withdrawn: true }
          : {
              ...head,
              withdrawn: false,
              value: proposal.value ?? undefined,
              status: proposal.status ?? undefined,
            };
        correctionId = (await this.record(tx, station.code, stationId, change, proposal.proposedBy)).id;
      }
      const decided = await proposals.decide(proposalId, {
        state: review.decision === 'approve' ? 'approved' : 'rejected',
        reviewedBy: reviewer,
        note: review.note,
        correctionId,
      });
      // Locked above: still pending.
      const dto = toProposalDto(decided!);
      await new AuditTrail(tx).append({
        actor: reviewer,
        action: review.decision === 'approve' ? 'reading.correction.approve' : 'reading.correction.reject',
        subject: `station:${station.code}`,
        before: toProposalDto(proposal),
        after: dto,
      });
      return dto;
    });
  }

  async list(stationId: number, query: CorrectionsListQuery): Promise<ReadingCorrectionDto[]> {
    if (!(await this.registry.stations.findById(stationId))) throw DomainError.notFound('station', stationId);
    return (await this.corrections.listForStation(stationId, query)).map(toCorrectionDto);
  }
}

function toCorrectionDto(c: ReadingCorrection): ReadingCorrectionDto {
  return {
    id: c.id,
    stationId: c.stationId,
    parameter: c.parameterCode,
    time: c.time.toISOString(),
    day: localDayOf(c.time),
    withdrawn: c.withdrawn,
    value: c.value,
    status: c.status === null ? null : statusValueToCode(c.status),
    original: { value: c.originalValue, status: statusValueToCode(c.originalStatus) },
    reason: c.reason,
    author: c.author,
    createdAt: c.createdAt.toISOString(),
    supersedes: c.supersedes,
  };
}

function toProposalDto(p: CorrectionProposal): CorrectionProposalDto {
  return {
    id: p.id,
    stationId: p.stationId,
    parameter: p.parameterCode,
    time: p.time.toISOString(),
    day: localDayOf(p.time),
    withdrawn: p.withdrawn,
    value: p.value,
    status: p.status === null ? null : statusValueToCode(p.status),
    reasonCode: p.reasonCode,
    note: p.note,
    proposedBy: p.proposedBy,
    proposedAt: p.proposedAt.toISOString(),
    state: p.state,
    reviewedBy: p.reviewedBy,
    reviewedAt: p.reviewedAt?.toISOString() ?? null,
    reviewNote: p.reviewNote,
    correctionId: p.correctionId,
  };
}
