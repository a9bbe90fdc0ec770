import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { ParkDto } from './registry.dto';
import { RegistryService } from './registry.service';

@ApiTags('registry')
@Controller('parks')
export class ParksController {
  constructor(@Inject(RegistryService) private readonly registry: RegistryService) {}

  @Get()
  @ApiOkResponse({ type: [ParkDto], description: 'Every park with its treatment plants and their stations' })
  list(): Promise<ParkDto[]> {
    return this.registry.listParks();
  }

  @Get(':code')
  @ApiParam({ name: 'code', example: 'VSIP-HP' })
  @ApiOkResponse({ type: ParkDto })
  @ApiNotFoundResponse({ description: 'No park has this code' })
  get(@Param('code') code: string): Promise<ParkDto> {
    return this.registry.getPark(code);
  }
}
