import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, json, RequestInput } from '@hp/contracts';
import { CaughtMail, MailCatcher } from '../delivery/mail-catcher';

/** The demo's mail catcher, provided only where one runs (ALERT_MAIL_CATCHER). */
export const MAIL_CATCHER = Symbol('MAIL_CATCHER');

const CAUGHT_MAIL_SCHEMA = json.object({
  id: json.integer(),
  receivedAt: json.dateTime(),
  from: json.nullable(json.string()),
  to: json.array(json.string()),
  subject: json.nullable(json.string()),
  raw: json.string(),
});

/** The mail the demo would have sent, for admins to read; served only while the mail catcher runs. */
@ApiTags('dev')
@Controller('dev/mailbox')
export class MailboxController {
  constructor(@Inject(MAIL_CATCHER) private readonly catcher: MailCatcher) {}

  @Get()
  @Access.city({ roles: ['admin'] })
  @ApiOperation({ summary: 'Demo only: e-mail caught by the in-process mail catcher, newest first' })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(CAUGHT_MAIL_SCHEMA) })
  list(): CaughtMail[] {
    return this.catcher.list();
  }
}
