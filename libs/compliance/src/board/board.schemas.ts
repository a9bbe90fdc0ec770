import { apiSchema, json, WATER_PARAMETER_CODES } from '@hp/contracts';
import { DAY_VERDICT_SCHEMA } from '../api/compliance.schemas';
import { LINK_STATES, STALE_CADENCES, VALUE_STATES } from './board-state';

/** The response schemas of the board's routes (OpenAPI; the dashboard's types come from them). */

const LIMIT_SCHEMA = apiSchema(
  'BoardLimit',
  json.object({ min: json.nullable(json.number()), max: json.nullable(json.number()) }),
);

export const BOARD_STATION_SCHEMA = apiSchema(
  'BoardStation',
  json.object({
    stationId: json.integer(),
    stationCode: json.string(),
    stationName: json.string(),
    parkCode: json.string(),
    kind: json.oneOf(['outlet', 'inlet']),
    link: json.object({
      state: {
        ...json.oneOf(LINK_STATES),
        description: `online: last message at most ${STALE_CADENCES} expected intervals ago`,
      },
      lastMessageAt: json.nullable(json.dateTime()),
      ageSeconds: json.nullable(json.integer()),
      expectedIntervalSeconds: json.integer(),
    }),
    devices: json.array(
      json.object({
        code: json.string(),
        online: json.nullable(json.boolean()),
        presenceAt: json.nullable(json.dateTime()),
      }),
    ),
    permit: json.nullable(json.object({ id: json.integer(), number: json.nullable(json.string()) })),
    today: json.object({
      day: json.day(),
      verdict: json.nullable(DAY_VERDICT_SCHEMA),
      provisional: json.nullable(json.boolean()),
    }),
    parameters: json.array(
      apiSchema(
        'BoardParameter',
        json.object({
          parameter: json.oneOf(WATER_PARAMETER_CODES),
          unit: json.nullable(json.string()),
          value: json.nullable(json.number()),
          status: json.nullable(json.oneOf(['00', '01', '02'])),
          time: json.nullable(json.dateTime()),
          ageSeconds: json.nullable(json.integer()),
          cadenceSeconds: json.integer(),
          limit: json.nullable(LIMIT_SCHEMA),
          state: {
            ...json.oneOf(VALUE_STATES),
            description: `near: >= 80 % of the maximum (a range: its outer fifth); stale: older than ${STALE_CADENCES} cadences or none in 7 days; not_measuring: status 01/02`,
          },
        }),
      ),
    ),
  }),
);

export const STATION_TRANSMISSION_SCHEMA = apiSchema(
  'StationTransmission',
  json.object({
    stationId: json.integer(),
    stationCode: json.string(),
    parkCode: json.string(),
    from: json.day(),
    to: { ...json.day(), description: 'exclusive' },
    countedUntil: json.dateTime(),
    expected: json.integer(),
    received: json.integer(),
    rate: json.nullable(json.number()),
    exceedanceDays: json.integer(),
    suspectedDays: json.integer(),
    judgedDays: json.integer(),
    parameters: json.array(
      apiSchema(
        'TransmissionParameter',
        json.object({
          parameter: json.oneOf(WATER_PARAMETER_CODES),
          cadenceSeconds: json.integer(),
          expected: json.integer(),
          received: json.integer(),
          valid: json.integer(),
          rate: json.nullable(json.number()),
          validRate: json.nullable(json.number()),
          hourExceedances: json.integer(),
          exceedanceDays: json.integer(),
          suspectedDays: json.integer(),
          judgedDays: json.integer(),
        }),
      ),
    ),
  }),
);
