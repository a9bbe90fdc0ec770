import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Access,
  apiSchema,
  DomainError,
  input,
  json,
  QueryParam,
  REASON_API_SCHEMA,
  Reason,
  REASON_CODES,
  RequestInput,
} from '@hp/contracts';
import { Quarantine } from './storage/quarantine';

const QUARANTINE_PROBLEM_SCHEMA = apiSchema(
  'QuarantineProblem',
  json.object({
    index: json.nullable(
      json.integer({ description: 'Index of the refused reading; null: the whole message' }),
    ),
    source: json.nullable(
      json.string({
        description: 'The part of a many-station message or file it concerns; null: the message',
      }),
    ),
    reason: REASON_API_SCHEMA,
  }),
);

const QUARANTINED_MESSAGE_SCHEMA = apiSchema(
  'QuarantinedMessage',
  json.object({
    id: json.integer(),
    receivedAt: json.dateTime(),
    topic: json.string(),
    clientId: json.nullable(json.string()),
    problems: json.array(QUARANTINE_PROBLEM_SCHEMA),
    payload: json.string({ description: 'The payload as received, decoded as UTF-8' }),
  }),
);

/** Part of a topic or client id: printable ASCII without blanks (topics name stations and devices). */
const SEARCH_TEXT = '^[!-~]{1,200}$';

const QUARANTINE_QUERY = {
  topic: input.text(
    SEARCH_TEXT,
    'part of a topic (1-200 printable characters)',
    'part of the topic or source, e.g. a station code',
  ),
  clientId: input.text(
    SEARCH_TEXT,
    'part of a client id (1-200 printable characters)',
    'part of the client (device) id',
  ),
  reason: input.oneOf(REASON_CODES, 'a reason code one of its problems carries'),
  from: input.instant('received at or after, ISO 8601 with zone'),
  to: input.instant('received before, ISO 8601 with zone'),
  limit: input.integer(1, 1000, 'default 100'),
  offset: input.integer(0, 1_000_000, 'messages to skip (paging); default 0'),
};

interface QuarantinedMessageView {
  id: number;
  receivedAt: string;
  topic: string;
  clientId: string | null;
  problems: { index: number | null; source: string | null; reason: Reason }[];
  payload: string;
}

@ApiTags('quarantine')
@Controller('quarantine')
export class QuarantineController {
  constructor(private readonly quarantine: Quarantine) {}

  @Get()
  @Access.city()
  @RequestInput({ query: QUARANTINE_QUERY })
  @ApiOkResponse({
    schema: json.array(QUARANTINED_MESSAGE_SCHEMA),
    description:
      'Refused telemetry matching every filter given, newest first, a page at a time; each problem a reason code with its parameters',
  })
  async list(
    @QueryParam('topic') topic?: string,
    @QueryParam('clientId') clientId?: string,
    @QueryParam('reason') reason?: string,
    @QueryParam('from') from?: Date,
    @QueryParam('to') to?: Date,
    @QueryParam('limit') limit?: number,
    @QueryParam('offset') offset?: number,
  ): Promise<QuarantinedMessageView[]> {
    if (from && to && from >= to) throw DomainError.invalid('from', 'must be earlier than to');
    const rows = await this.quarantine.list({
      topic,
      clientId,
      reason,
      from,
      to,
      limit: limit ?? 100,
      offset: offset ?? 0,
    });
    return rows.map((r) => ({
      ...r,
      receivedAt: r.receivedAt.toISOString(),
      payload: r.payload.toString('utf8'),
    }));
  }
}
