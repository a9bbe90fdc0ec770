import { Controller, Get, Post, Put, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  addDays,
  DomainError,
  EDITORS,
  input,
  json,
  localDayOf,
  PathParam,
  QueryParam,
  RequestBody,
  RequestInput,
  ValidBody,
  WATER_PARAMETER_CODES,
  actorOf,
  SignedIn,
} from '@hp/contracts';
import { ALL_PARAMETERS } from '../rules/calibration';
import { DQ_RULE_CODES } from '../rules/rule-types';
import { DataQualityViews, StationDataQualityView } from './data-quality-views.service';
import {
  CALIBRATION_SCHEDULE_SCHEMA,
  DQ_RULE_SCHEMA,
  INSPECTION_BODY_SCHEMA,
  INSPECTION_SCHEMA,
  InspectionBody,
  RULE_BODY_SCHEMA,
  RuleBody,
  SCHEDULE_BODY_SCHEMA,
  ScheduleBody,
  STATION_DATA_QUALITY_SCHEMA,
} from './data-quality.schemas';

/** Max days in one data-quality request. */
const MAX_RANGE_DAYS = 366;
/** The default range: the last 30 days and today. */
const DEFAULT_DAYS = 30;

const STATION_ID = input.id('station id');

@ApiTags('data-quality')
@Controller()
export class DataQualityController {
  constructor(private readonly views: DataQualityViews) {}

  @Get('stations/:id/data-quality')
  @Access.park('station', { param: 'id' })
  @ApiOperation({
    summary:
      "A station's data-quality score per evaluated local day over [from, to) (default: the last 30 days), the signals raised now and the rule findings of each day (codes and parameters)",
  })
  @RequestInput({
    path: { id: STATION_ID },
    query: {
      from: input.day('YYYY-MM-DD; default 30 days before today'),
      to: input.day('YYYY-MM-DD, exclusive; default tomorrow'),
    },
  })
  @ApiOkResponse({ schema: STATION_DATA_QUALITY_SCHEMA })
  station(
    @PathParam('id') id: number,
    @QueryParam('from') from?: string,
    @QueryParam('to') to?: string,
  ): Promise<StationDataQualityView> {
    const today = localDayOf(new Date());
    const end = to ?? (from ? addDays(from, DEFAULT_DAYS + 1) : addDays(today, 1));
    const start = from ?? addDays(end, -(DEFAULT_DAYS + 1));
    if (end <= start) throw new DomainError('INVALID_ARGUMENT', `to (${end}) must be after from (${start})`);
    if (end > addDays(start, MAX_RANGE_DAYS))
      throw new DomainError('INVALID_ARGUMENT', `from-to spans more than ${MAX_RANGE_DAYS} days`);
    return this.views.station(id, start, end);
  }

  @Get('stations/:id/calibration-schedules')
  @Access.park('station', { param: 'id' })
  @ApiOperation({ summary: "A station's declared calibration schedules (per parameter, or ALL)" })
  @RequestInput({ path: { id: STATION_ID } })
  @ApiOkResponse({ schema: json.array(CALIBRATION_SCHEDULE_SCHEMA) })
  schedules(@PathParam('id') id: number) {
    return this.views.schedules(id);
  }

  @Put('stations/:id/calibration-schedules/:parameter')
  // The regulator's editors declare schedules, announce inspections and tune rules; a park's operator sees them.
  @Access.park('station', { param: 'id', roles: EDITORS })
  @ApiOperation({
    summary:
      'Declare a station\'s calibration schedule for a parameter or ALL (`{ "everyDays": 7, "anchorDay": "2026-12-01", "windowStart": "08:00", "windowMinutes": 120, "maxPerDay": 1 }`; `{ "schedule": null }` drops it)',
  })
  @RequestInput({
    path: {
      id: STATION_ID,
      parameter: input.oneOf([...WATER_PARAMETER_CODES, ALL_PARAMETERS], 'parameter code or ALL'),
    },
  })
  @RequestBody(SCHEDULE_BODY_SCHEMA)
  @ApiOkResponse({ schema: json.array(CALIBRATION_SCHEDULE_SCHEMA) })
  setSchedule(
    @PathParam('id') id: number,
    @PathParam('parameter') parameter: string,
    @ValidBody() body: ScheduleBody,
    @Req() request: SignedIn,
  ) {
    return this.views.setSchedule(id, parameter, body, actorOf(request));
  }

  @Get('stations/:id/inspections')
  @Access.park('station', { param: 'id' })
  @ApiOperation({ summary: "A station's announced inspections" })
  @RequestInput({ path: { id: STATION_ID } })
  @ApiOkResponse({ schema: json.array(INSPECTION_SCHEMA) })
  inspections(@PathParam('id') id: number) {
    return this.views.inspections(id);
  }

  @Post('stations/:id/inspections')
  @Access.park('station', { param: 'id', roles: EDITORS })
  @ApiOperation({
    summary:
      'Record an inspection announced to the station\'s operator (`{ "startsAt": "2026-12-10T09:00:00+07:00", "endsAt": "2026-12-10T11:00:00+07:00", "reference": "..." }`)',
  })
  @RequestInput({ path: { id: STATION_ID } })
  @RequestBody(INSPECTION_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: INSPECTION_SCHEMA })
  addInspection(@PathParam('id') id: number, @ValidBody() body: InspectionBody, @Req() request: SignedIn) {
    return this.views.addInspection(id, body, actorOf(request));
  }

  @Get('data-quality/rules')
  @Access.city()
  @ApiOperation({
    summary: 'The data-quality rules: hysteresis, score weight, thresholds and evidence level',
  })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(DQ_RULE_SCHEMA) })
  rules() {
    return this.views.rules();
  }

  @Put('data-quality/rules/:code')
  @Access.city({ roles: EDITORS })
  @ApiOperation({
    summary:
      'Change a data-quality rule (`{ "raiseAfter": 2, "clearAfter": 2, "weight": 20, "enabled": true, "settings": {...} }`)',
  })
  @RequestInput({ path: { code: input.oneOf(DQ_RULE_CODES, 'rule code') } })
  @RequestBody(RULE_BODY_SCHEMA)
  @ApiOkResponse({ schema: DQ_RULE_SCHEMA })
  updateRule(@PathParam('code') code: string, @ValidBody() body: RuleBody) {
    return this.views.updateRule(code, body);
  }
}
