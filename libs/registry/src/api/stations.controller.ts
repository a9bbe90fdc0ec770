import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { input, PathParam, RequestInput, WATER_PARAMETER_CODES } from '@hp/contracts';
import { ParameterCadenceDto, StationDetailDto, StationDto } from './registry.dto';
import { RegistryService } from './registry.service';

@ApiTags('registry')
@Controller('stations')
export class StationsController {
  constructor(@Inject(RegistryService) private readonly registry: RegistryService) {}

  @Get()
  @RequestInput({})
  @ApiOkResponse({ type: [StationDto], description: 'Every station with its park and plant codes' })
  list(): Promise<StationDto[]> {
    return this.registry.listStations();
  }

  @Get(':id')
  @RequestInput({ path: { id: input.id('station id') } })
  @ApiOkResponse({ type: StationDetailDto })
  @ApiNotFoundResponse({ description: 'No station has this id' })
  get(@PathParam('id') id: number): Promise<StationDetailDto> {
    return this.registry.getStation(id);
  }

  @Put(':id/cadences/:parameter')
  @ApiOperation({
    summary:
      'Register a parameter\'s measurement cadence at a station (`{ "cadenceSeconds": 900 }`; null: back to the default); data capture counts against it',
  })
  @RequestInput({
    path: { id: input.id('station id'), parameter: input.oneOf(WATER_PARAMETER_CODES, 'parameter code') },
  })
  @ApiBody({
    schema: {
      type: 'object',
      properties: { cadenceSeconds: { type: 'integer', nullable: true, example: 900 } },
    },
  })
  @ApiOkResponse({ type: [ParameterCadenceDto], description: "Every parameter's cadence at the station" })
  @ApiNotFoundResponse({ description: 'No station has this id' })
  setCadence(
    @PathParam('id') id: number,
    @PathParam('parameter') parameter: string,
    @Body() body: unknown,
  ): Promise<ParameterCadenceDto[]> {
    return this.registry.setStationCadence(id, parameter, body);
  }
}
