import { Controller, Get, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access, PathParam, QueryParam, RequestInput, WaterParameterCode } from '@hp/contracts';
import { StationReadingsDto } from './readings.dto';
import { parseReadingsQuery, READINGS_INPUT, ResolutionChoice } from './readings-query';
import { READINGS_CSV_INPUT, ReadingsExportService } from './readings-export';
import { ReadingsService } from './readings.service';

@ApiTags('readings')
@Controller('stations')
export class ReadingsController {
  constructor(
    private readonly service: ReadingsService,
    private readonly exports: ReadingsExportService,
  ) {}

  @Get(':id/readings')
  @Access.park('station', { param: 'id' })
  @ApiOperation({
    summary:
      "A station's readings over [from, to) (at most 92 days): raw (newest first), hourly, by local day, or auto (chosen by the span)",
  })
  @RequestInput(READINGS_INPUT)
  @ApiOkResponse({ type: StationReadingsDto })
  stationReadings(
    @PathParam('id') id: number,
    @QueryParam('from') from?: Date,
    @QueryParam('to') to?: Date,
    @QueryParam('resolution') resolution?: ResolutionChoice,
    @QueryParam('parameter') parameter?: WaterParameterCode,
    @QueryParam('limit') limit?: number,
    @QueryParam('fill') fill?: boolean,
  ): Promise<StationReadingsDto> {
    return this.service.stationReadings(
      parseReadingsQuery(id, { from, to, resolution, parameter, limit, fill }),
    );
  }

  @Get(':id/readings.csv')
  @Access.park('station', { param: 'id' })
  @ApiOperation({
    summary:
      "A station's raw readings over [from, to) (at most 92 days) as CSV, oldest first, streamed: local times (+07:00), UTF-8 with a byte order mark, Vietnamese headers, cells safe from formula injection",
  })
  @RequestInput(READINGS_CSV_INPUT)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV (RFC 4180, CRLF)', schema: { type: 'string' } })
  stationReadingsCsv(
    @PathParam('id') id: number,
    @QueryParam('from') from?: Date,
    @QueryParam('to') to?: Date,
    @QueryParam('parameters') parameters?: WaterParameterCode[],
  ): Promise<StreamableFile> {
    return this.exports.csv(id, { from, to, parameters });
  }
}
