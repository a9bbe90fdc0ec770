import { Controller, Delete, Get, Patch, Post, Put, Req, Sse } from '@nestjs/common';
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
  actorOf,
} from '@hp/contracts';
import { AlertLifecycle } from '../lifecycle/alert-lifecycle.service';
import { AlertView, viewOf } from '../lifecycle/alert-view';
import { AlertConfiguration, SilenceState } from '../rules/alert-configuration.service';
import { AlertSilence } from '../storage/alerting.types';
import { AlertsReader } from '../storage/alerts.reader';
import { ALERT_STATUSES, AlertStatus } from '../storage/alerting.types';
import { AlertChangeCursor } from '../storage/alerts.repository';
import {
  ALERT_RECIPIENT_BODY_SCHEMA,
  ALERT_RULE_BODY_SCHEMA,
  ALERT_RULE_CHANGES_SCHEMA,
  AlertRuleChangesBody,
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

const ALERT_ID = input.id('alert id');
const RULE_ID = input.id('rule id');
const RECIPIENT_ID = input.id('recipient id');
const SILENCE_ID = input.id('silence id');

/** A silence with whether it is still to come, in force or over, at `now`. */
export function silenceView(silence: AlertSilence, now = new Date()): AlertSilence & { state: SilenceState } {
  const state = silence.startsAt > now ? 'upcoming' : silence.endsAt > now ? 'active' : 'ended';
  return { ...silence, state };
}

/** How often the live stream looks for changed alerts (any process may have changed them). */
export const ALERT_STREAM_POLL_MS = 500;

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly reader: AlertsReader,
    private readonly configuration: AlertConfiguration,
    private readonly lifecycle: AlertLifecycle,
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
  async list(
    @QueryParam('status') status?: AlertStatus,
    @QueryParam('parkId') parkId?: number,
    @QueryParam('limit') limit?: number,
  ): Promise<AlertView[]> {
    return (await this.reader.alerts.list({ status, parkId, limit: limit ?? 100 })).map(viewOf);
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
  stream(@Req() request: SignedIn): Observable<{ data: AlertView; id: string; type: string }> {
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
        cursor ??= await this.reader.alerts.changeCursorNow();
        for (const change of await this.reader.alerts.changedSince(cursor, 500)) {
          cursor = change.cursor;
          subscriber.next({
            data: viewOf(change.alert),
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
      this.reader.alerts.changeCursorNow().then(
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
    return this.reader.rules.list();
  }

  @Post('rules')
  @Access.city({ roles: EDITORS })
  @ApiOperation({ summary: 'Create or replace a rule by its code (recorded in the audit log)' })
  @RequestInput({})
  @RequestBody(ALERT_RULE_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: ALERT_RULE_SCHEMA })
  saveRule(@ValidBody() body: AlertRuleBody, @Req() request: SignedIn) {
    return this.configuration.saveRule(parseRule(body), actorOf(request));
  }

  @Patch('rules/:id')
  @Access.city({ roles: EDITORS })
  @ApiOperation({
    summary: 'Edit a rule: severity, scope, settings; enabled false disables it (recorded in the audit log)',
  })
  @RequestInput({ path: { id: RULE_ID } })
  @RequestBody(ALERT_RULE_CHANGES_SCHEMA)
  @ApiOkResponse({ schema: ALERT_RULE_SCHEMA })
  editRule(@PathParam('id') id: number, @ValidBody() body: AlertRuleChangesBody, @Req() request: SignedIn) {
    return this.configuration.editRule(id, body, actorOf(request));
  }

  @Get('recipients')
  @Access.city()
  @ApiOperation({ summary: 'Who is notified: role, park (none: every park), escalation level, channels' })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(ALERT_RECIPIENT_SCHEMA) })
  listRecipients() {
    return this.reader.recipients.list();
  }

  @Post('recipients')
  @Access.city({ roles: EDITORS })
  @ApiOperation({ summary: 'Add a recipient' })
  @RequestInput({})
  @RequestBody(ALERT_RECIPIENT_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: ALERT_RECIPIENT_SCHEMA })
  addRecipient(@ValidBody() body: AlertRecipientBody, @Req() request: SignedIn) {
    return this.configuration.addRecipient(parseRecipient(body), actorOf(request));
  }

  @Put('recipients/:id')
  @Access.city({ roles: EDITORS })
  @ApiOperation({ summary: 'Replace what a recipient says (recorded in the audit log)' })
  @RequestInput({ path: { id: RECIPIENT_ID } })
  @RequestBody(ALERT_RECIPIENT_BODY_SCHEMA)
  @ApiOkResponse({ schema: ALERT_RECIPIENT_SCHEMA })
  editRecipient(
    @PathParam('id') id: number,
    @ValidBody() body: AlertRecipientBody,
    @Req() request: SignedIn,
  ) {
    return this.configuration.editRecipient(id, parseRecipient(body), actorOf(request));
  }

  @Delete('recipients/:id')
  @Access.city({ roles: EDITORS })
  @ApiOperation({ summary: 'Remove a recipient (recorded in the audit log); answers what it was' })
  @RequestInput({ path: { id: RECIPIENT_ID } })
  @ApiOkResponse({ schema: ALERT_RECIPIENT_SCHEMA })
  removeRecipient(@PathParam('id') id: number, @Req() request: SignedIn) {
    return this.configuration.removeRecipient(id, actorOf(request));
  }

  @Get('silences')
  @Access.city()
  @ApiOperation({ summary: 'Silences and maintenance windows (alerts are recorded, nobody is notified)' })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(ALERT_SILENCE_SCHEMA) })
  async listSilences() {
    const now = new Date();
    return (await this.reader.recipients.silences()).map((silence) => silenceView(silence, now));
  }

  @Post('silences')
  @Access.city({ roles: EDITORS })
  @ApiOperation({ summary: 'Add a silence or maintenance window, e.g. a planned calibration' })
  @RequestInput({})
  @RequestBody(ALERT_SILENCE_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: ALERT_SILENCE_SCHEMA })
  async addSilence(@ValidBody() body: AlertSilenceBody, @Req() request: SignedIn) {
    const silence = parseSilence(body);
    return silenceView(
      await this.configuration.addSilence(
        { ...silence, createdBy: silence.createdBy ?? actorOf(request) },
        actorOf(request),
      ),
    );
  }

  @Post('silences/:id/end')
  @Access.city({ roles: EDITORS })
  @ApiOperation({
    summary:
      'End a silence early: one in force ends now, one still to come is withdrawn (recorded in the audit log)',
  })
  @RequestInput({ path: { id: SILENCE_ID } })
  @ApiCreatedResponse({ schema: ALERT_SILENCE_SCHEMA })
  endSilence(@PathParam('id') id: number, @Req() request: SignedIn) {
    return this.configuration.endSilence(id, actorOf(request));
  }

  @Get('dead-letters')
  @Access.city()
  @ApiOperation({ summary: 'Notifications whose retries ran out' })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(DEAD_LETTER_SCHEMA) })
  deadLetters() {
    return this.reader.notifications.deadLetters(200);
  }

  @Get(':id')
  @Access.park('alert', { param: 'id' })
  @ApiOperation({ summary: 'One alert with its notifications and their delivery' })
  @RequestInput({ path: { id: ALERT_ID } })
  @ApiOkResponse({ schema: ALERT_DETAIL_SCHEMA })
  async one(@PathParam('id') id: number) {
    const alert = await this.reader.alerts.find(id);
    if (!alert) throw new DomainError('NOT_FOUND', `no alert ${id}`);
    return { ...viewOf(alert), notifications: await this.reader.notifications.listForAlert(id) };
  }

  @Post(':id/acknowledge')
  @Access.park('alert', { param: 'id' })
  @ApiOperation({ summary: 'Acknowledge: stops escalation and reminders' })
  @RequestInput({ path: { id: ALERT_ID } })
  @ApiCreatedResponse({ schema: ALERT_SCHEMA })
  async acknowledge(@PathParam('id') id: number, @Req() request: SignedIn) {
    return viewOf(await this.lifecycle.acknowledge(id, actorOf(request)));
  }

  @Post(':id/resolve')
  @Access.park('alert', { param: 'id' })
  @ApiOperation({ summary: 'Resolve by hand (e.g. a waste violation dealt with)' })
  @RequestInput({ path: { id: ALERT_ID } })
  @ApiCreatedResponse({ schema: ALERT_SCHEMA })
  async resolve(@PathParam('id') id: number, @Req() request: SignedIn) {
    return viewOf(await this.lifecycle.resolve(id, actorOf(request)));
  }
}
