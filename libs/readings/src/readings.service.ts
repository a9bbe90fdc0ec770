import { Injectable } from '@nestjs/common';
import { DomainError, statusValueToCode } from '@hp/contracts';
import { RegistryReader } from '@hp/registry';
import { ReadingBucket } from './storage/readings.types';
import { ReadingsRepository } from './storage/readings.repository';
import { ReadingBucketDto, StationReadingsDto } from './readings.dto';
import { ReadingsQuery } from './readings-query';

@Injectable()
export class ReadingsService {
  constructor(
    private readonly readings: ReadingsRepository,
    private readonly registry: RegistryReader,
  ) {}

  async stationReadings(query: ReadingsQuery): Promise<StationReadingsDto> {
    if (!(await this.registry.stations.findById(query.stationId)))
      throw DomainError.notFound('station', query.stationId);
    const head = {
      stationId: query.stationId,
      resolution: query.resolution,
      from: query.from.toISOString(),
      to: query.to.toISOString(),
    };
    const range = { from: query.from, to: query.to };
    if (query.resolution === 'raw') {
      const rows = await this.readings.findRaw(query.stationId, {
        ...range,
        parameter: query.parameter,
        limit: query.limit,
      });
      return {
        ...head,
        readings: rows.map((r) => ({
          time: r.time.toISOString(),
          parameter: r.parameterCode,
          value: r.value,
          status: statusValueToCode(r.status),
          receivedAt: r.receivedAt.toISOString(),
        })),
      };
    }
    let buckets: ReadingBucket[];
    if (query.fill && query.parameter) {
      try {
        buckets = await this.readings.findBucketedFilled(query.stationId, query.resolution, {
          ...range,
          parameter: query.parameter,
        });
      } catch (error) {
        if (error instanceof RangeError) throw DomainError.invalid('from', error.message);
        throw error;
      }
    } else {
      buckets = await this.readings.findBucketed(query.stationId, query.resolution, {
        ...range,
        parameter: query.parameter,
      });
    }
    return { ...head, buckets: buckets.map(toBucketDto) };
  }
}

function toBucketDto(b: ReadingBucket): ReadingBucketDto {
  return {
    bucket: b.bucket.toISOString(),
    parameter: b.parameterCode,
    avg: b.avgValue,
    min: b.minValue,
    max: b.maxValue,
    validCount: b.validCount,
    totalCount: b.totalCount,
  };
}
