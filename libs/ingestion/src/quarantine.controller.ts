import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Access,
  apiSchema,
  input,
  json,
  QueryParam,
  REASON_API_SCHEMA,
  Reason,
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
  @RequestInput({ query: { limit: input.integer(1, 1000, 'default 100') } })
  @ApiOkResponse({
    schema: json.array(QUARANTINED_MESSAGE_SCHEMA),
    description: 'Refused telemetry, newest first; each problem a reason code with its parameters',
  })
  async list(@QueryParam('limit') limit?: number): Promise<QuarantinedMessageView[]> {
    const rows = await this.quarantine.listRecent(limit ?? 100);
    return rows.map((r) => ({
      ...r,
      receivedAt: r.receivedAt.toISOString(),
      payload: r.payload.toString('utf8'),
    }));
  }
}
