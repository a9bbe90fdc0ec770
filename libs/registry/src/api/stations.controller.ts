import { Controller, Get, Inject } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { input, PathParam, RequestInput } from '@hp/contracts';
import { StationDetailDto, StationDto } from './registry.dto';
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
}
