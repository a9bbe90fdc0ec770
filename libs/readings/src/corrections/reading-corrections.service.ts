import { Inject, Injectable } from '@nestjs/common';
import { DomainError, localDayOf, statusValueToCode } from '@hp/contracts';
import { AuditTrail } from '@hp/audit';
import { Database, DATABASE } from '@hp/storage';
import { RegistryReader } from '@hp/registry';
import { ReadingCorrection, ReadingCorrectionsRepository } from '../storage/reading-corrections.repository';
import { RecomputeMarksRepository } from '../storage/recompute-marks.repository';
import { ReadingCorrectionDto } from './reading-corrections.dto';
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
  ) {}

  async correct(
    stationId: number,
    request: CorrectionRequest,
    author: string,
  ): Promise<ReadingCorrectionDto> {
    const station = await this.registry.stations.findById(stationId);
    if (!station) throw DomainError.notFound('station', stationId);
    return this.db.transaction(async (tx) => {
      const result = await new ReadingCorrectionsRepository(tx).append({ ...request, stationId, author });
      const what = `${request.parameterCode} reading of station ${station.code} at ${request.time.toISOString()}`;
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
        subject: `station:${station.code}`,
        before: {
          parameter: request.parameterCode,
          time: request.time.toISOString(),
          ...result.before,
          status: result.before.status === null ? null : statusValueToCode(result.before.status),
        },
        after: toCorrectionDto(result.correction),
      });
      return toCorrectionDto(result.correction);
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
