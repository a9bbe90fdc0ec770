import { Controller, Get, Inject } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, input, keepByParkCode, PathParam, RequestInput } from '@hp/contracts';
import { ParkDto } from './registry.dto';
import { RegistryService } from './registry.service';

@ApiTags('registry')
@Controller('parks')
export class ParksController {
  constructor(@Inject(RegistryService) private readonly registry: RegistryService) {}

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
}
