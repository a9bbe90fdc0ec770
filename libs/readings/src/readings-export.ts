import { Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import {
  CSV_BOM,
  csvLine,
  CsvValue,
  DomainError,
  input,
  localDayOf,
  localIso,
  RequestShape,
  statusValueToCode,
  WATER_PARAMETER_CODES,
  WATER_PARAMETERS,
  WaterParameterCode,
} from '@hp/contracts';
import { RegistryReader } from '@hp/registry';
import { ReadingsRepository } from './storage/readings.repository';
import { READINGS_SPAN_INPUT, readingsSpan, waterParameter } from './readings-query';

/** Rows read per query while streaming an export (keyset pages: memory stays flat at any length). */
export const EXPORT_PAGE_ROWS = 5000;

/** The columns of a readings export, Vietnamese first (the header row). */
export const READINGS_CSV_HEADER = [
  'Thời điểm (giờ Việt Nam +07:00)',
  'Mã trạm',
  'Tên trạm',
  'Thông số',
  'Giá trị',
  'Đơn vị',
  'Trạng thái (TT 10/2021)',
] as const;

const UNITS = new Map(WATER_PARAMETERS.map((p) => [p.code as string, p.unit]));

/** A comma-separated list of Circular 10/2021 codes, each named as invalid when it is not one. */
function parameterList(name: string, text: string): WaterParameterCode[] {
  const codes = text.split(',');
  if (codes.some((code) => code === ''))
    throw DomainError.invalid(name, 'must be parameter codes separated by commas, e.g. COD,pH');
  return [...new Set(codes.map((code) => waterParameter(name, code)))];
}

/** The parameters of GET /stations/:id/readings.csv. */
export const READINGS_CSV_INPUT = {
  path: { id: input.id('station id') },
  query: {
    ...READINGS_SPAN_INPUT,
    parameters: input.custom(
      { type: 'string', example: 'COD,pH' },
      parameterList,
      `Circular 10/2021 codes separated by commas (${WATER_PARAMETER_CODES.join(', ')}); default: all`,
    ),
  },
} satisfies RequestShape;

export interface ReadingsExportQuery {
  readonly from?: Date;
  readonly to?: Date;
  readonly parameters?: readonly WaterParameterCode[];
}

/** A station's raw readings as a CSV file, streamed page by page. */
@Injectable()
export class ReadingsExportService {
  constructor(
    private readonly readings: ReadingsRepository,
    private readonly registry: RegistryReader,
  ) {}

  /** Checks the request and the station first (a 4xx before any byte), then streams. */
  async csv(stationId: number, query: ReadingsExportQuery, now = new Date()): Promise<StreamableFile> {
    const { from, to } = readingsSpan(query, now);
    const station = await this.registry.stations.findById(stationId);
    if (!station) throw DomainError.notFound('station', stationId);
    const lines = this.lines(stationId, [station.code, station.name], {
      from,
      to,
      parameters: query.parameters ?? null,
    });
    const name = `readings-${station.code}-${localDayOf(from)}-${localDayOf(new Date(to.getTime() - 1))}.csv`;
    return new StreamableFile(Readable.from(lines), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    });
  }

  private async *lines(
    stationId: number,
    station: [code: string, name: string],
    range: { from: Date; to: Date; parameters: readonly string[] | null },
  ): AsyncGenerator<string> {
    yield `${CSV_BOM}${csvLine(READINGS_CSV_HEADER)}\r\n`;
    let after: { time: Date; parameterCode: string } | null = null;
    for (;;) {
      const page = await this.readings.exportPage(stationId, { ...range, after, limit: EXPORT_PAGE_ROWS });
      if (page.length === 0) return;
      let chunk = '';
      for (const r of page) {
        const row: CsvValue[] = [
          localIso(r.time),
          ...station,
          r.parameterCode,
          r.value,
          UNITS.get(r.parameterCode) ?? null,
          statusValueToCode(r.status),
        ];
        chunk += `${csvLine(row)}\r\n`;
      }
      yield chunk;
      if (page.length < EXPORT_PAGE_ROWS) return;
      const last = page[page.length - 1];
      after = { time: last.time, parameterCode: last.parameterCode };
    }
  }
}
