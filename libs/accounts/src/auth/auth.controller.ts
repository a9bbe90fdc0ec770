import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, DomainError, RequestBody, RequestInput, ValidBody } from '@hp/contracts';
import type { RequestAccess } from '../access/access.guard';
import { UsersRepository } from '../storage/users.repository';
import { AuthService, SessionUser, StreamTicket, TokenPair } from './auth.service';
import {
  LOGIN_BODY_SCHEMA,
  REFRESH_BODY_SCHEMA,
  SESSION_USER_SCHEMA,
  STREAM_TICKET_SCHEMA,
  TOKEN_PAIR_SCHEMA,
} from './auth.schemas';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersRepository,
  ) {}

  @Post('login')
  @Access.public()
  @RequestInput({})
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: an access token (short-lived, Bearer) and a refresh token (used once)' })
  @RequestBody(LOGIN_BODY_SCHEMA)
  @ApiOkResponse({ schema: TOKEN_PAIR_SCHEMA })
  login(
    @ValidBody() body: { username: string; password: string },
    @Req() request: { ip?: string; socket?: { remoteAddress?: string } },
  ): Promise<TokenPair> {
    // Express's request.ip: the peer, or X-Forwarded-For's client only behind AUTH_TRUSTED_PROXIES.
    const client = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    return this.auth.login(body.username, body.password, client);
  }

  @Post('refresh')
  @Access.public()
  @RequestInput({})
  @HttpCode(200)
  @ApiOperation({ summary: 'A new token pair for a refresh token (which is then spent)' })
  @RequestBody(REFRESH_BODY_SCHEMA)
  @ApiOkResponse({ schema: TOKEN_PAIR_SCHEMA })
  refresh(@ValidBody() body: { refreshToken: string }): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Access.public()
  @RequestInput({})
  @HttpCode(204)
  @ApiOperation({ summary: 'Revokes a refresh token' })
  @RequestBody(REFRESH_BODY_SCHEMA)
  @ApiNoContentResponse({ description: 'The refresh token is revoked' })
  logout(@ValidBody() body: { refreshToken: string }): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Post('stream-ticket')
  @Access.any()
  @RequestInput({})
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A single-use ticket (30 s) that opens the alert stream: GET /api/alerts/stream?ticket=... (EventSource sends no headers, and an access token never goes in a URL)',
  })
  @ApiOkResponse({ schema: STREAM_TICKET_SCHEMA })
  streamTicket(@Req() request: { access: RequestAccess }): StreamTicket {
    return this.auth.streamTicket(request.access.claims);
  }

  @Get('me')
  @Access.any()
  @RequestInput({})
  @ApiOperation({ summary: 'The signed-in user: role and parks' })
  @ApiOkResponse({ schema: SESSION_USER_SCHEMA })
  async me(@Req() request: { access: RequestAccess }): Promise<SessionUser> {
    const user = await this.users.find(request.access.claims.sub);
    if (!user || user.disabled) throw new DomainError('UNAUTHENTICATED', 'the account is gone or disabled');
    return this.auth.sessionUser(user);
  }
}
