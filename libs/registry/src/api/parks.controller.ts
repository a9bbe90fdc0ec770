import { Controller, Get, Inject, Patch, Post, Req } from '@nestjs/common';
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
  keepByParkCode,
  PathParam,
  RequestBody,
  RequestInput,
  ValidBody,
  actorOf,
  SignedIn,
} from '@hp/contracts';
import { ParkDto, TreatmentPlantDto } from './registry.dto';
import { RegistryRegistrationService } from './registry-registration.service';
import {
  NEW_PARK_SCHEMA,
  NEW_PLANT_SCHEMA,
  NewParkBody,
  NewPlantBody,
  PARK_CHANGES_SCHEMA,
  ParkBody,
  PLANT_CHANGES_SCHEMA,
  PlantBody,
} from './registry.schemas';
import { RegistryService } from './registry.service';

const PLANT_CODE = input.parkCode('treatment plant code');

@ApiTags('registry')
@Controller('parks')
export class ParksController {
  constructor(
    @Inject(RegistryService) private readonly registry: RegistryService,
    @Inject(RegistryRegistrationService) private readonly registration: RegistryRegistrationService,
  ) {}

  @Get()
  @Access.list(keepByParkCode)
  @RequestInput({})
  @ApiOkResponse({ type: [ParkDto], description: 'Every park with its treatment plants and their stations' })
  list(): Promise<ParkDto[]> {
    return this.registry.listParks();
  }

  @Get(':code')
  @Access.park('park', { param: 'code' })
  @RequestInput({ path: { code: input.parkCode() } })
  @ApiOkResponse({ type: ParkDto })
  @ApiNotFoundResponse({ description: 'No park has this code' })
  get(@PathParam('code') code: string): Promise<ParkDto> {
    return this.registry.getPark(code);
  }

  @Post()
  // Registry data: the Authority registers parks, park operators read theirs.
  @Access.city({ roles: EDITORS })
  @ApiOperation({ summary: 'Register a park (audited); its code is fixed once registered' })
  @RequestInput({})
  @RequestBody(NEW_PARK_SCHEMA)
  @ApiCreatedResponse({ type: ParkDto })
  @ApiConflictResponse({ description: 'A park has this code already (CODE_TAKEN)' })
  create(@ValidBody() body: NewParkBody, @Req() request: SignedIn): Promise<ParkDto> {
    return this.registration.createPark(body, actorOf(request));
  }

  @Patch(':code')
  @Access.park('park', { param: 'code', roles: EDITORS })
  @ApiOperation({ summary: "Change a park's names, zone, coordinates or operating status (audited)" })
  @RequestInput({ path: { code: input.parkCode() } })
  @RequestBody(PARK_CHANGES_SCHEMA)
  @ApiOkResponse({ type: ParkDto })
  @ApiNotFoundResponse({ description: 'No park has this code' })
  update(
    @PathParam('code') code: string,
    @ValidBody() body: ParkBody,
    @Req() request: SignedIn,
  ): Promise<ParkDto> {
    return this.registration.updatePark(code, body, actorOf(request));
  }

  @Post(':code/treatment-plants')
  @Access.park('park', { param: 'code', roles: EDITORS })
  @ApiOperation({ summary: "Register a park's central wastewater treatment plant (audited)" })
  @RequestInput({ path: { code: input.parkCode() } })
  @RequestBody(NEW_PLANT_SCHEMA)
  @ApiCreatedResponse({ type: TreatmentPlantDto })
  @ApiNotFoundResponse({ description: 'No park has this code' })
  @ApiConflictResponse({ description: 'A plant has this code already (CODE_TAKEN)' })
  createPlant(
    @PathParam('code') code: string,
    @ValidBody() body: NewPlantBody,
    @Req() request: SignedIn,
  ): Promise<TreatmentPlantDto> {
    return this.registration.createPlant(code, body, actorOf(request));
  }

  @Patch(':code/treatment-plants/:plantCode')
  @Access.park('park', { param: 'code', roles: EDITORS })
  @ApiOperation({
    summary: "Change a treatment plant's names, capacity, receiving water or status (audited)",
  })
  @RequestInput({ path: { code: input.parkCode(), plantCode: PLANT_CODE } })
  @RequestBody(PLANT_CHANGES_SCHEMA)
  @ApiOkResponse({ type: TreatmentPlantDto })
  @ApiNotFoundResponse({ description: 'The park has no plant with this code' })
  updatePlant(
    @PathParam('code') code: string,
    @PathParam('plantCode') plantCode: string,
    @ValidBody() body: PlantBody,
    @Req() request: SignedIn,
  ): Promise<TreatmentPlantDto> {
    return this.registration.updatePlant(code, plantCode, body, actorOf(request));
  }
}
