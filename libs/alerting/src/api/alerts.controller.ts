import { Body, Controller, Get, Inject, Param, ParseIntPipe, Post, Query, Req, Sse } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { DomainError } from '@hp/contracts';
import {
  ALERT_STATUSES,
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
import { parseRecipient, parseRule, parseSilence } from './alert-requests';

/** The request as the access guard leaves it: who is signed in (the actor of the audit log). */
interface SignedIn {
  access?: { claims: { username: string } };
}

function actorOf(request: SignedIn): string {
  return request.access?.claims.username ?? 'unknown';
}

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
  @ApiOperation({ summary: 'Alerts, newest first' })
  @ApiQuery({ name: 'status', required: false, enum: ALERT_STATUSES })
  @ApiQuery({ name: 'parkId', required: false })
  @ApiQuery({ name: 'limit', required: false, description: 'default 100, at most 1000' })
  list(
    @Query('status') status?: string,
    @Query('parkId') parkId?: string,
    @Query('limit') limit?: string,
  ): Promise<AlertRecord[]> {
    if (status !== undefined && !(ALERT_STATUSES as readonly string[]).includes(status))
      throw new DomainError('INVALID_ARGUMENT', `status must be one of ${ALERT_STATUSES.join(', ')}`);
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000)
      throw new DomainError('INVALID_ARGUMENT', 'limit must be 1 to 1000');
    const park = parkId === undefined ? undefined : Number(parkId);
    if (park !== undefined && !Number.isInteger(park))
      throw new DomainError('INVALID_ARGUMENT', 'parkId must be a whole number');
    return this.alerts.list({ status: status as AlertStatus | undefined, parkId: park, limit: n });
  }

  @Sse('stream')
  @ApiOperation({
    summary:
      'Live alert changes (Server-Sent Events): every opened, repeated, acknowledged or resolved alert',
  })
  stream(): Observable<{ data: AlertRecord; id: string; type: string }> {
    return new Observable((subscriber) => {
      let cursor = new Date();
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        this.alerts.changedSince(cursor, 500).then(
          (changed) => {
            for (const alert of changed) {
              cursor = alert.updatedAt;
              subscriber.next({
                data: alert,
                id: `${alert.id}@${alert.updatedAt.toISOString()}`,
                type: 'alert',
              });
            }
            busy = false;
          },
          (error: unknown) => {
            busy = false;
            subscriber.error(error);
          },
        );
      }, ALERT_STREAM_POLL_MS);
      return () => clearInterval(timer);
    });
  }

  @Get('rules')
  @ApiOperation({ summary: 'Alert rules (defaults and per station, park and parameter)' })
  listRules() {
    return this.rules.list();
  }

  @Post('rules')
  @ApiOperation({ summary: 'Create or replace a rule by its code (recorded in the audit log)' })
  saveRule(@Body() body: Record<string, unknown>, @Req() request: SignedIn) {
    const input = parseRule(body);
    return this.audited(request, 'alert-rule.save', `alert-rule:${input.code}`, async (tx) => {
      const repo = new AlertRulesRepository(tx);
      const before = (await repo.list()).find((r) => r.code === input.code) ?? null;
      return { before, after: await repo.upsert(input) };
    });
  }

  @Get('recipients')
  @ApiOperation({ summary: 'Who is notified: role, park (none: every park), escalation level, channels' })
  listRecipients() {
    return this.recipients.list();
  }

  @Post('recipients')
  @ApiOperation({ summary: 'Add a recipient' })
  addRecipient(@Body() body: Record<string, unknown>, @Req() request: SignedIn) {
    const input = parseRecipient(body);
    return this.audited(request, 'alert-recipient.add', `alert-recipient:${input.name}`, async (tx) => ({
      before: null,
      after: await new AlertRecipientsRepository(tx).insert(input),
    }));
  }

  @Get('silences')
  @ApiOperation({ summary: 'Silences and maintenance windows (alerts are recorded, nobody is notified)' })
  listSilences() {
    return this.recipients.silences();
  }

  @Post('silences')
  @ApiOperation({ summary: 'Add a silence or maintenance window, e.g. a planned calibration' })
  addSilence(@Body() body: Record<string, unknown>, @Req() request: SignedIn) {
    const input = parseSilence(body);
    return this.audited(request, 'alert-silence.add', `alert-silence:${input.reason}`, async (tx) => ({
      before: null,
      after: await new AlertRecipientsRepository(tx).addSilence(input),
    }));
  }

  @Get('dead-letters')
  @ApiOperation({ summary: 'Notifications whose retries ran out' })
  deadLetters() {
    return this.outbox.deadLetters(200);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One alert with its notifications and their delivery' })
  async one(@Param('id', ParseIntPipe) id: number) {
    const alert = await this.alerts.find(id);
    if (!alert) throw new DomainError('NOT_FOUND', `no alert ${id}`);
    return { ...alert, notifications: await this.outbox.listForAlert(id) };
  }

  @Post(':id/acknowledge')
  @ApiOperation({ summary: 'Acknowledge: stops escalation and reminders' })
  acknowledge(@Param('id', ParseIntPipe) id: number, @Req() request: SignedIn) {
    return this.lifecycle.acknowledge(id, actorOf(request));
  }

  @Post(':id/resolve')
  @ApiOperation({ summary: 'Resolve by hand (e.g. a waste violation dealt with)' })
  resolve(@Param('id', ParseIntPipe) id: number, @Req() request: SignedIn) {
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
