import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  addDays,
  DomainError,
  input,
  json,
  keepByParkCode,
  localDayOf,
  PathParam,
  QueryParam,
  RequestInput,
} from '@hp/contracts';
import { BOARD_STATION_SCHEMA, STATION_TRANSMISSION_SCHEMA } from './board.schemas';
import { BoardService, BoardStation, MAX_TRANSMISSION_DAYS, StationTransmission } from './board.service';

const PERIOD = {
  from: input.day('first local day, YYYY-MM-DD; default today'),
  to: input.day(
    `the day after the last, exclusive; default: the day after from; at most ${MAX_TRANSMISSION_DAYS} days`,
  ),
};

/** [from, to) in local days: to after from, at most MAX_TRANSMISSION_DAYS; each problem names its field. */
function period(from: string | undefined, to: string | undefined): { from: string; to: string } {
  const first = from ?? localDayOf(new Date());
  const end = to ?? addDays(first, 1);
  if (end <= first) throw DomainError.invalid('to', `must be after from (${first})`);
  if (end > addDays(first, MAX_TRANSMISSION_DAYS))
    throw DomainError.invalid('to', `must be at most ${MAX_TRANSMISSION_DAYS} days after from`);
  return { from: first, to: end };
}

@ApiTags('board')
@Controller('board')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Get('latest')
  @Access.list(keepByParkCode)
  @RequestInput({})
  @ApiOperation({
    summary:
      "The live board: every active station (a park operator's parks only) with each parameter's latest value, time, unit, the permit's limit in force and a state (ok, near, over, stale, no_limit, not_measuring), the station's link (online/offline against its expected interval), its devices' presence and today's verdict so far",
  })
  @ApiOkResponse({ schema: json.array(BOARD_STATION_SCHEMA) })
  latest(): Promise<BoardStation[]> {
    return this.board.latest();
  }

  @Get('transmission')
  @Access.list(keepByParkCode)
  @ApiOperation({
    summary:
      "Every active station's transmission over local days [from, to) (a park operator's parks only): records received / expected at each parameter's registered cadence, and exceedances (hourly means over the limit, days judged an exceedance)",
  })
  @RequestInput({ query: PERIOD })
  @ApiOkResponse({ schema: json.array(STATION_TRANSMISSION_SCHEMA) })
  transmission(
    @QueryParam('from') from?: string,
    @QueryParam('to') to?: string,
  ): Promise<StationTransmission[]> {
    const p = period(from, to);
    return this.board.transmission(p.from, p.to);
  }

  @Get('stations/:id/transmission')
  @Access.park('station', { param: 'id' })
  @ApiOperation({
    summary:
      "One station's transmission over local days [from, to): per parameter records received / expected at its registered cadence, hourly means over the limit and days judged an exceedance",
  })
  @RequestInput({ path: { id: input.id('station id') }, query: PERIOD })
  @ApiOkResponse({ schema: STATION_TRANSMISSION_SCHEMA })
  stationTransmission(
    @PathParam('id') id: number,
    @QueryParam('from') from?: string,
    @QueryParam('to') to?: string,
  ): Promise<StationTransmission> {
    const p = period(from, to);
    return this.board.stationTransmission(id, p.from, p.to);
  }
}
