import { Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  EDITORS,
  input,
  json,
  keepByParkCode,
  PathParam,
  RequestBody,
  RequestInput,
  ValidBody,
  WATER_PARAMETER_CODES,
} from '@hp/contracts';
import { ParameterCadenceDto, StationDetailDto, StationDto } from './registry.dto';
import { RegistryService } from './registry.service';

/** A parameter's cadence at a station; null: back to the default. */
export const CADENCE_BODY_SCHEMA = json.body({
  cadenceSeconds: json.nullable(
    json.integer({
      minimum: 1,
      maximum: 86_400,
      example: 900,
      description: 'seconds between records, dividing the day (e.g. 300, 900, 1800); null: the default',
    }),
  ),
});

@ApiTags('registry')
@Controller('stations')
export class StationsController {
  constructor(@Inject(RegistryService) private readonly registry: RegistryService) {}

  @Get()
  @Access.list(keepByParkCode)
  @RequestInput({})
  @ApiOkResponse({ type: [StationDto], description: 'Every station with its park and plant codes' })
  list(): Promise<StationDto[]> {
    return this.registry.listStations();
  }

  @Get(':id')
  @Access.park('station', { param: 'id' })
  @RequestInput({ path: { id: input.id('station id') } })
  @ApiOkResponse({ type: StationDetailDto })
  @ApiNotFoundResponse({ description: 'No station has this id' })
  get(@PathParam('id') id: number): Promise<StationDetailDto> {
    return this.registry.getStation(id);
  }

  @Put(':id/cadences/:parameter')
  // Cadences are registry data: the authority registers them, not the operator.
  @Access.park('station', { param: 'id', roles: EDITORS })
  @ApiOperation({
    summary:
      'Register a parameter\'s measurement cadence at a station (`{ "cadenceSeconds": 900 }`; null: back to the default); data capture counts against it',
  })
  @RequestInput({
    path: { id: input.id('station id'), parameter: input.oneOf(WATER_PARAMETER_CODES, 'parameter code') },
  })
  @RequestBody(CADENCE_BODY_SCHEMA)
  @ApiOkResponse({ type: [ParameterCadenceDto], description: "Every parameter's cadence at the station" })
  @ApiNotFoundResponse({ description: 'No station has this id' })
  setCadence(
    @PathParam('id') id: number,
    @PathParam('parameter') parameter: string,
    @ValidBody() body: { cadenceSeconds: number | null },
  ): Promise<ParameterCadenceDto[]> {
    return this.registry.setStationCadence(id, parameter, body.cadenceSeconds);
  }
}
