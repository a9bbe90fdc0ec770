import { Controller, Get, Inject, Patch, Post, Put, Req } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
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
  actorOf,
  SignedIn,
} from '@hp/contracts';
import { ParameterCadenceDto, StationDetailDto, StationDto } from './registry.dto';
import { RegistryRegistrationService } from './registry-registration.service';
import {
  NEW_STATION_SCHEMA,
  NewStationBody,
  RETIRE_STATION_SCHEMA,
  RetireStationBody,
  STATION_CHANGES_SCHEMA,
  StationBody,
} from './registry.schemas';
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
  constructor(
    @Inject(RegistryService) private readonly registry: RegistryService,
    @Inject(RegistryRegistrationService) private readonly registration: RegistryRegistrationService,
  ) {}

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

  @Post()
  @Access.city({ roles: EDITORS })
  @ApiOperation({
    summary:
      'Register a monitoring station at a treatment plant (audited); its code is fixed once registered',
  })
  @RequestInput({})
  @RequestBody(NEW_STATION_SCHEMA)
  @ApiCreatedResponse({ type: StationDetailDto })
  @ApiNotFoundResponse({ description: 'No treatment plant has plantCode' })
  @ApiConflictResponse({ description: 'A station has this code already (CODE_TAKEN)' })
  create(@ValidBody() body: NewStationBody, @Req() request: SignedIn): Promise<StationDetailDto> {
    return this.registration.createStation(body, actorOf(request));
  }

  @Patch(':id')
  @Access.park('station', { param: 'id', roles: EDITORS })
  @ApiOperation({ summary: "Change a station's names, coordinates or reporting interval (audited)" })
  @RequestInput({ path: { id: input.id('station id') } })
  @RequestBody(STATION_CHANGES_SCHEMA)
  @ApiOkResponse({ type: StationDetailDto })
  @ApiNotFoundResponse({ description: 'No station has this id' })
  update(
    @PathParam('id') id: number,
    @ValidBody() body: StationBody,
    @Req() request: SignedIn,
  ): Promise<StationDetailDto> {
    return this.registration.updateStation(id, body, actorOf(request));
  }

  @Post(':id/retire')
  @Access.park('station', { param: 'id', roles: EDITORS })
  @ApiOperation({
    summary:
      'Retire a station (audited): no longer expected to report from retiredOn; its readings, verdicts and permits stay',
  })
  @RequestInput({ path: { id: input.id('station id') } })
  @RequestBody(RETIRE_STATION_SCHEMA)
  @ApiCreatedResponse({ type: StationDetailDto })
  @ApiNotFoundResponse({ description: 'No station has this id' })
  @ApiConflictResponse({ description: 'The station is retired already (STATION_RETIRED)' })
  retire(
    @PathParam('id') id: number,
    @ValidBody() body: RetireStationBody,
    @Req() request: SignedIn,
  ): Promise<StationDetailDto> {
    return this.registration.retireStation(id, body, actorOf(request));
  }
}
