import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { StationReadingsDto } from './readings.dto';
import { parseReadingsQuery, RawReadingsQueryParams, RESOLUTIONS } from './readings-query';
import { ReadingsService } from './readings.service';

@ApiTags('readings')
@Controller('stations')
export class ReadingsController {
  constructor(private readonly service: ReadingsService) {}

  @Get(':id/readings')
  @ApiOperation({ summary: "A station's readings: raw (newest first), hourly, or by local day" })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601; default: 24 h before `to`' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601, exclusive; default: now' })
  @ApiQuery({ name: 'resolution', required: false, enum: RESOLUTIONS })
  @ApiQuery({ name: 'parameter', required: false, description: 'Circular 10/2021 code, e.g. COD' })
  @ApiQuery({ name: 'limit', required: false, description: 'raw only; 1-10000, default 1000' })
  @ApiQuery({
    name: 'fill',
    required: false,
    description: 'hour/day with one parameter: include empty buckets',
  })
  @ApiOkResponse({ type: StationReadingsDto })
  stationReadings(
    @Param('id') id: string,
    @Query() params: RawReadingsQueryParams,
  ): Promise<StationReadingsDto> {
    return this.service.stationReadings(parseReadingsQuery(id, params));
  }
}
