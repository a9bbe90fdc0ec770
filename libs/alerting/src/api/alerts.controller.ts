import { Controller, Get, Inject, Post, Req, Sse } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import {
  Access,
  DomainError,
  EDITORS,
  input,
  json,
  keepByParkId,
  PathParam,
  QueryParam,
  RequestBody,
  RequestInput,
  ValidBody,
} from '@hp/contracts';
import {
  ALERT_STATUSES,
  AlertChangeCursor,
  AlertOutboxRepository,
  AlertRecipientsRepository,
  AlertRecord,
  AlertRulesRepository,
  AlertsRepository,
  AlertStatus,
  AuditLogRepository,
  DATABASE,
  Database,
  SqlSession,
} from '@hp/storage';
import { AlertLifecycle } from '../lifecycle/alert-lifecycle.service';
import {
  ALERT_RECIPIENT_BODY_SCHEMA,
  ALERT_RULE_BODY_SCHEMA,
  ALERT_SILENCE_BODY_SCHEMA,
  AlertRecipientBody,
  AlertRuleBody,
  AlertSilenceBody,
  parseRecipient,
  parseRule,
  parseSilence,
} from './alert-requests';
import {
  ALERT_DETAIL_SCHEMA,
  ALERT_RECIPIENT_SCHEMA,
  ALERT_RULE_SCHEMA,
  ALERT_SCHEMA,
  ALERT_SILENCE_SCHEMA,
  DEAD_LETTER_SCHEMA,
} from './alert.schemas';

/** The request as the access guard leaves it: who is signed in (the actor of the audit log). */
interface SignedIn {
  access?: { claims: { username: string }; stillSignedIn?: () => Promise<boolean> };
}

function actorOf(request: SignedIn): string {
  return request.access?.claims.username ?? 'unknown';
}

const ALERT_ID = input.id('alert id');

/** How often the live stream looks for changed alerts (any process may have changed them). */
export const ALERT_STREAM_POLL_MS = 500;

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly rules: AlertRulesRepository,
    private readonly recipients: AlertRecipientsRepository,
    private readonly outbox: AlertOutboxRepository,
    private readonly lifecycle: AlertLifecycle,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  @Get()
  @Access.list(keepByParkId)
  @ApiOperation({ summary: 'Alerts, newest first' })
  @RequestInput({
    query: {
      status: input.oneOf(ALERT_STATUSES),
      parkId: input.id('park id (park operators get only their parks whatever it says)'),
      limit: input.integer(1, 1000, 'default 100'),
    },
  })
  @ApiOkResponse({ schema: json.array(ALERT_SCHEMA) })
  list(
    @QueryParam('status') status?: AlertStatus,
    @QueryParam('parkId') parkId?: number,
    @QueryParam('limit') limit?: number,
  ): Promise<AlertRecord[]> {
    return this.alerts.list({ status, parkId, limit: limit ?? 100 });
  }

  @Sse('stream')
  @Access.list(keepByParkId)
  @ApiOperation({
    summary:
      'Live alert changes (Server-Sent Events): every opened, repeated, acknowledged or resolved alert',
  })
  @RequestInput({
    query: {
      ticket: input.text(
        '^[A-Za-z0-9_.-]{1,4096}$',
        'a stream ticket',
        'single-use ticket from POST /api/auth/stream-ticket (EventSource sends no Authorization header)',
      ),
    },
  })
  @ApiOkResponse({
    description: 'A stream of `alert` events, each one Alert as JSON (id: `<alert id>@<change time>`)',
    content: { 'text/event-stream': { schema: json.string() } },
  })
  stream(@Req() request: SignedIn): Observable<{ data: AlertRecord; id: string; type: string }> {
    const stillSignedIn = request.access?.stillSignedIn;
    return new Observable((subscriber) => {
      // One change is one event: the cursor keeps the database's full precision (see changedSince).
      let cursor: AlertChangeCursor | undefined;
      let busy = true;
      const poll = async () => {
        // A user disabled meanwhile loses the stream at once, not when the token expires.
        if (stillSignedIn && !(await stillSignedIn())) {
          subscriber.complete();
          return;
        }
        cursor ??= await this.alerts.changeCursorNow();
        for (const change of await this.alerts.changedSince(cursor, 500)) {
          cursor = change.cursor;
          subscriber.next({
            data: change.alert,
            id: `${change.alert.id}@${change.cursor.at}`,
            type: 'alert',
          });
        }
      };
      const run = () => {
        busy = true;
        poll().then(
          () => (busy = false),
          (error: unknown) => subscriber.error(error),
        );
      };
      this.alerts.changeCursorNow().then(
        (start) => {
          cursor ??= start;
          busy = false;
        },
        (error: unknown) => subscriber.error(error),
      );
      const timer = setInterval(() => {
        if (!busy) run();
      }, ALERT_STREAM_POLL_MS);
      return () => clearInterval(timer);
    });
  }

  @Get('rules')
  @Access.city()
  @ApiOperation({ summary: 'Alert rules (defaults and per station, park and parameter)' })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(ALERT_RULE_SCHEMA) })
  listRules() {
    return this.rules.list();
  }

  @Post('rules')
  @Access.city({ roles: EDITORS })
  @ApiOperation({ summary: 'Create or replace a rule by its code (recorded in the audit log)' })
  @RequestInput({})
  @RequestBody(ALERT_RULE_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: ALERT_RULE_SCHEMA })
  saveRule(@ValidBody() body: AlertRuleBody, @Req() request: SignedIn) {
    const input = parseRule(body);
    return this.audited(request, 'alert-rule.save', `alert-rule:${input.code}`, async (tx) => {
      const repo = new AlertRulesRepository(tx);
      const before = (await repo.list()).find((r) => r.code === input.code) ?? null;
      return { before, after: await repo.upsert(input) };
    });
  }

  @Get('recipients')
  @Access.city()
  @ApiOperation({ summary: 'Who is notified: role, park (none: every park), escalation level, channels' })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(ALERT_RECIPIENT_SCHEMA) })
  listRecipients() {
    return this.recipients.list();
  }

  @Post('recipients')
  @Access.city({ roles: EDITORS })
  @ApiOperation({ summary: 'Add a recipient' })
  @RequestInput({})
  @RequestBody(ALERT_RECIPIENT_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: ALERT_RECIPIENT_SCHEMA })
  addRecipient(@ValidBody() body: AlertRecipientBody, @Req() request: SignedIn) {
    const input = parseRecipient(body);
    return this.audited(request, 'alert-recipient.add', `alert-recipient:${input.name}`, async (tx) => ({
      before: null,
      after: await new AlertRecipientsRepository(tx).insert(input),
    }));
  }

  @Get('silences')
  @Access.city()
  @ApiOperation({ summary: 'Silences and maintenance windows (alerts are recorded, nobody is notified)' })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(ALERT_SILENCE_SCHEMA) })
  listSilences() {
    return this.recipients.silences();
  }

  @Post('silences')
  @Access.city({ roles: EDITORS })
  @ApiOperation({ summary: 'Add a silence or maintenance window, e.g. a planned calibration' })
  @RequestInput({})
  @RequestBody(ALERT_SILENCE_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: ALERT_SILENCE_SCHEMA })
  addSilence(@ValidBody() body: AlertSilenceBody, @Req() request: SignedIn) {
    const input = parseSilence(body);
    return this.audited(request, 'alert-silence.add', `alert-silence:${input.reason}`, async (tx) => ({
      before: null,
      after: await new AlertRecipientsRepository(tx).addSilence(input),
    }));
  }

  @Get('dead-letters')
  @Access.city()
  @ApiOperation({ summary: 'Notifications whose retries ran out' })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(DEAD_LETTER_SCHEMA) })
  deadLetters() {
    return this.outbox.deadLetters(200);
  }

  @Get(':id')
  @Access.park('alert', { param: 'id' })
  @ApiOperation({ summary: 'One alert with its notifications and their delivery' })
  @RequestInput({ path: { id: ALERT_ID } })
  @ApiOkResponse({ schema: ALERT_DETAIL_SCHEMA })
  async one(@PathParam('id') id: number) {
    const alert = await this.alerts.find(id);
    if (!alert) throw new DomainError('NOT_FOUND', `no alert ${id}`);
    return { ...alert, notifications: await this.outbox.listForAlert(id) };
  }

  @Post(':id/acknowledge')
  @Access.park('alert', { param: 'id' })
  @ApiOperation({ summary: 'Acknowledge: stops escalation and reminders' })
  @RequestInput({ path: { id: ALERT_ID } })
  @ApiCreatedResponse({ schema: ALERT_SCHEMA })
  acknowledge(@PathParam('id') id: number, @Req() request: SignedIn) {
    return this.lifecycle.acknowledge(id, actorOf(request));
  }

  @Post(':id/resolve')
  @Access.park('alert', { param: 'id' })
  @ApiOperation({ summary: 'Resolve by hand (e.g. a waste violation dealt with)' })
  @RequestInput({ path: { id: ALERT_ID } })
  @ApiCreatedResponse({ schema: ALERT_SCHEMA })
  resolve(@PathParam('id') id: number, @Req() request: SignedIn) {
    return this.lifecycle.resolve(id, actorOf(request));
  }

  /** A change and its audit entry in one transaction. */
  private audited<T>(
    request: SignedIn,
    action: string,
    subject: string,
    change: (tx: SqlSession) => Promise<{ before: unknown; after: T }>,
  ): Promise<T> {
    return this.db.transaction(async (tx) => {
      const { before, after } = await change(tx);
      await new AuditLogRepository(tx).append({ actor: actorOf(request), action, subject, before, after });
      return after;
    });
  }
}
