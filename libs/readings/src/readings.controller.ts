import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, PathParam, QueryParam, RequestInput, WaterParameterCode } from '@hp/contracts';
import { StationReadingsDto } from './readings.dto';
import { parseReadingsQuery, READINGS_INPUT, Resolution } from './readings-query';
import { ReadingsService } from './readings.service';

@ApiTags('readings')
@Controller('stations')
export class ReadingsController {
  constructor(private readonly service: ReadingsService) {}

  @Get(':id/readings')
  @Access.park('station', { param: 'id' })
  @ApiOperation({ summary: "A station's readings: raw (newest first), hourly, or by local day" })
  @RequestInput(READINGS_INPUT)
  @ApiOkResponse({ type: StationReadingsDto })
  stationReadings(
    @PathParam('id') id: number,
    @QueryParam('from') from?: Date,
    @QueryParam('to') to?: Date,
    @QueryParam('resolution') resolution?: Resolution,
    @QueryParam('parameter') parameter?: WaterParameterCode,
    @QueryParam('limit') limit?: number,
    @QueryParam('fill') fill?: boolean,
  ): Promise<StationReadingsDto> {
    return this.service.stationReadings(
      parseReadingsQuery(id, { from, to, resolution, parameter, limit, fill }),
    );
  }
}
