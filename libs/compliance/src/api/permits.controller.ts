import { Controller, Get, Inject, Post, Req } from '@nestjs/common';
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
  actorOf,
  EDITORS,
  input,
  PathParam,
  RequestBody,
  RequestInput,
  SignedIn,
  ValidBody,
} from '@hp/contracts';
import { DischargePermit, StationPermitDto } from '@hp/registry';
import { PermitRegistrationService } from '../permits/permit-registration.service';
import {
  NEW_PERMIT_SCHEMA,
  NewPermitBody,
  PERMIT_VERSION_SCHEMA,
  PermitVersionBody,
} from '../permits/permit.schemas';

/**
 * Discharge permits (GPMT) of the registry's stations, recorded by the Authority. They live here, not in the
 * registry, because recording one applies compliance's Kf rule and marks the days it changes for judging
 * again (readings' recompute marks): the registry depends on neither.
 */
@ApiTags('permits')
@Controller()
export class PermitsController {
  constructor(@Inject(PermitRegistrationService) private readonly permits: PermitRegistrationService) {}

  @Get('stations/:id/permits')
  @Access.park('station', { param: 'id' })
  @ApiOperation({ summary: "A station's discharge permits, superseded versions too, by first day" })
  @RequestInput({ path: { id: input.id('station id') } })
  @ApiOkResponse({ type: [StationPermitDto] })
  @ApiNotFoundResponse({ description: 'No station has this id' })
  list(@PathParam('id') id: number): Promise<DischargePermit[]> {
    return this.permits.history(id);
  }

  @Get('permits/:id')
  @Access.park('permit', { param: 'id' })
  @RequestInput({ path: { id: input.id('permit id') } })
  @ApiOkResponse({ type: StationPermitDto })
  @ApiNotFoundResponse({ description: 'No permit has this id' })
  get(@PathParam('id') id: number): Promise<DischargePermit> {
    return this.permits.get(id);
  }

  @Post('stations/:id/permits')
  @Access.park('station', { param: 'id', roles: EDITORS })
  @ApiOperation({
    summary:
      "Record a station's discharge permit (audited): its standard and column, Kq, Kf from the permitted flow (or stated with its reason), judged parameters and own limits; an open-ended earlier permit ends on its first day, and its days up to today are judged again",
  })
  @RequestInput({ path: { id: input.id('station id') } })
  @RequestBody(NEW_PERMIT_SCHEMA)
  @ApiCreatedResponse({ type: StationPermitDto })
  @ApiNotFoundResponse({ description: 'No station has this id' })
  @ApiConflictResponse({ description: 'Another permit is in force over these days (PERMIT_OVERLAP)' })
  add(
    @PathParam('id') id: number,
    @ValidBody() body: NewPermitBody,
    @Req() request: SignedIn,
  ): Promise<DischargePermit> {
    return this.permits.add(id, body, actorOf(request));
  }

  @Post('permits/:id/supersede')
  @Access.park('permit', { param: 'id', roles: EDITORS })
  @ApiOperation({
    summary:
      'Correct a permit (audited): a new version replaces it over its days (fields left out are kept); the old version stays in the history, and the days of both are judged again',
  })
  @RequestInput({ path: { id: input.id('permit id') } })
  @RequestBody(PERMIT_VERSION_SCHEMA)
  @ApiCreatedResponse({ type: StationPermitDto })
  @ApiNotFoundResponse({ description: 'No permit has this id' })
  @ApiConflictResponse({
    description: 'Superseded already (PERMIT_SUPERSEDED), or another permit is in force over the new days',
  })
  supersede(
    @PathParam('id') id: number,
    @ValidBody() body: PermitVersionBody,
    @Req() request: SignedIn,
  ): Promise<DischargePermit> {
    return this.permits.supersede(id, body, actorOf(request));
  }
}
