import { Controller, Get, Inject, Param } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { StationDetailDto, StationDto } from './registry.dto';
import { RegistryService } from './registry.service';

@ApiTags('registry')
@Controller('stations')
export class StationsController {
  constructor(@Inject(RegistryService) private readonly registry: RegistryService) {}

  @Get()
  @ApiOkResponse({ type: [StationDto], description: 'Every station with its park and plant codes' })
  list(): Promise<StationDto[]> {
    return this.registry.listStations();
  }

  @Get(':id')
  @ApiParam({ name: 'id', type: Number, example: 1 })
  @ApiOkResponse({ type: StationDetailDto })
  @ApiBadRequestResponse({ description: 'The id is not a positive integer' })
  @ApiNotFoundResponse({ description: 'No station has this id' })
  get(@Param('id') id: string): Promise<StationDetailDto> {
    return this.registry.getStation(id);
  }
}
