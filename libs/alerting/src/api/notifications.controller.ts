import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, DomainError, input, json, PathParam, QueryParam, RequestInput } from '@hp/contracts';
import { AlertView, viewOf } from '../lifecycle/alert-view';
import { AlertsRepository } from '../storage/alerts.repository';
import { NotificationsRepository } from '../storage/notifications.repository';
import { ALERT_SCHEMA } from './alert.schemas';

/** The request as the access guard leaves it: the signed-in user's id. */
interface SignedIn {
  access?: { claims: { sub: number } };
}

const NOTIFICATION_SCHEMA = json.object({
  id: json.integer(),
  event: json.oneOf(['opened', 'escalated', 'reminder', 'resolved']),
  createdAt: json.dateTime(),
  readAt: json.nullable(json.dateTime()),
  alert: ALERT_SCHEMA,
});

export interface NotificationView {
  id: number;
  event: string;
  createdAt: Date;
  readAt: Date | null;
  alert: AlertView;
}

function userOf(request: SignedIn): number {
  const sub = request.access?.claims.sub;
  if (sub === undefined) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  return Number(sub);
}

/**
 * The signed-in user's notification centre: the alerts whose recipients name this user (the in-app
 * channel), newest first, each with its alert worded by the message catalogue.
 */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly alerts: AlertsRepository,
  ) {}

  @Get()
  @Access.any()
  @ApiOperation({
    summary: "The signed-in user's in-app notifications, newest first, and how many are unread",
  })
  @RequestInput({
    query: {
      unread: input.oneOf(['true', 'false'], 'true: unread ones only'),
      limit: input.integer(1, 500, 'default 50'),
    },
  })
  @ApiOkResponse({
    schema: json.object({ unread: json.integer(), notifications: json.array(NOTIFICATION_SCHEMA) }),
  })
  async list(
    @Req() request: SignedIn,
    @QueryParam('unread') unread?: 'true' | 'false',
    @QueryParam('limit') limit?: number,
  ): Promise<{ unread: number; notifications: NotificationView[] }> {
    const userId = userOf(request);
    const rows = await this.notifications.listForUser(userId, {
      unreadOnly: unread === 'true',
      limit: limit ?? 50,
    });
    const notifications: NotificationView[] = [];
    for (const row of rows) {
      const alert = await this.alerts.find(row.alertId);
      if (alert) notifications.push({ ...row, alert: viewOf(alert) });
    }
    return { unread: await this.notifications.countUnread(userId), notifications };
  }

  @Post(':id/read')
  @HttpCode(204)
  @Access.any()
  @ApiOperation({ summary: "Marks one of the signed-in user's notifications read" })
  @RequestInput({ path: { id: input.id('notification id') } })
  @ApiNoContentResponse({ description: 'The notification is read' })
  async markRead(@Req() request: SignedIn, @PathParam('id') id: number): Promise<void> {
    if (!(await this.notifications.markRead(userOf(request), id, new Date())))
      throw new DomainError('NOT_FOUND', `no notification ${id}`);
  }
}
