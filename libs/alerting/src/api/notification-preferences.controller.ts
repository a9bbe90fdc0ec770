import { Controller, Get, Put, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, actorOf, DomainError, RequestBody, RequestInput, ValidBody } from '@hp/contracts';
import { RegistryReader } from '@hp/registry';
import { AlertConfiguration } from '../rules/alert-configuration.service';
import { AlertsReader } from '../storage/alerts.reader';
import { AlertSubscription } from '../storage/alerting.types';
import { parseSubscription, SUBSCRIPTION_BODY_SCHEMA, SubscriptionBody } from './alert-requests';
import { NOTIFICATION_PREFERENCES_SCHEMA } from './alert.schemas';

/** The request as the access guard leaves it: who is signed in, their role and (a park operator's) parks. */
interface SignedIn {
  access?: { claims: { sub: number; username: string; role: string; parks: readonly number[] } };
}

export type NotificationPreferences = Omit<AlertSubscription, 'userId'> & { subscribed: boolean };

/** What a user who never chose is told of: nothing (in-app ready, no e-mail address yet). */
const NOT_SUBSCRIBED: Omit<AlertSubscription, 'userId'> = {
  parkIds: null,
  topics: [],
  minSeverity: 'warning',
  inApp: true,
  email: null,
  updatedAt: null,
};

function viewOf(subscription: Omit<AlertSubscription, 'userId'> | null): NotificationPreferences {
  const { parkIds, topics, minSeverity, inApp, email, updatedAt } = subscription ?? NOT_SUBSCRIBED;
  return {
    parkIds,
    topics,
    minSeverity,
    inApp,
    email,
    updatedAt,
    subscribed: topics.length > 0 && (inApp || email !== null),
  };
}

function claimsOf(request: SignedIn) {
  const claims = request.access?.claims;
  if (!claims) throw new DomainError('UNAUTHENTICATED', 'sign in first');
  return claims;
}

/**
 * "Notify me": each signed-in user, whatever their role, chooses for themselves which alerts they are told
 * of (parks, topics, lowest severity) and how (in the notification centre, by e-mail). Only their own: the
 * route names no user, the signed-in one is the subject. A park operator chooses among their own parks.
 */
@ApiTags('notifications')
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(
    private readonly reader: AlertsReader,
    private readonly configuration: AlertConfiguration,
    private readonly registry: RegistryReader,
  ) {}

  @Get()
  @Access.any()
  @ApiOperation({ summary: "The signed-in user's own alert subscription (nothing until they choose)" })
  @RequestInput({})
  @ApiOkResponse({ schema: NOTIFICATION_PREFERENCES_SCHEMA })
  async get(@Req() request: SignedIn): Promise<NotificationPreferences> {
    return viewOf(await this.reader.subscriptions.find(Number(claimsOf(request).sub)));
  }

  @Put()
  @Access.any()
  @ApiOperation({
    summary:
      "Replace the signed-in user's own alert subscription: parks (null: every park they may see), topics, lowest severity, in-app and e-mail (recorded in the audit log)",
  })
  @RequestInput({})
  @RequestBody(SUBSCRIPTION_BODY_SCHEMA)
  @ApiOkResponse({ schema: NOTIFICATION_PREFERENCES_SCHEMA })
  async put(@ValidBody() body: SubscriptionBody, @Req() request: SignedIn): Promise<NotificationPreferences> {
    const claims = claimsOf(request);
    const input = parseSubscription(body, claims.role === 'park_operator' ? claims.parks : null);
    for (const parkId of input.parkIds ?? [])
      if (!(await this.registry.parks.findById(parkId)))
        throw new DomainError('INVALID_ARGUMENT', `parkIds: no park ${parkId}`, { field: 'parkIds' });
    return viewOf(await this.configuration.saveSubscription(Number(claims.sub), input, actorOf(request)));
  }
}
