import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@hp/contracts';
import { UsersRepository } from '@hp/storage';
import type { RequestAccess } from '../access/access.guard';
import { AuthService, SessionUser, StreamTicket, TokenPair } from './auth.service';

function text(body: Record<string, unknown> | undefined, key: string): string {
  const v = body?.[key];
  if (typeof v !== 'string' || v === '') throw new DomainError('INVALID_ARGUMENT', `${key} is required`);
  return v;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersRepository,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: an access token (short-lived, Bearer) and a refresh token (used once)' })
  login(
    @Body() body: Record<string, unknown>,
    @Req() request: { ip?: string; socket?: { remoteAddress?: string } },
  ): Promise<TokenPair> {
    // Express's request.ip: the peer, or X-Forwarded-For's client only behind AUTH_TRUSTED_PROXIES.
    const client = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    return this.auth.login(text(body, 'username'), text(body, 'password'), client);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new token pair for a refresh token (which is then spent)' })
  refresh(@Body() body: Record<string, unknown>): Promise<TokenPair> {
    return this.auth.refresh(text(body, 'refreshToken'));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revokes a refresh token' })
  logout(@Body() body: Record<string, unknown>): Promise<void> {
    return this.auth.logout(text(body, 'refreshToken'));
  }

  @Post('stream-ticket')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A single-use ticket (30 s) that opens the alert stream: GET /api/alerts/stream?ticket=... (EventSource sends no headers, and an access token never goes in a URL)',
  })
  streamTicket(@Req() request: { access: RequestAccess }): StreamTicket {
    return this.auth.streamTicket(request.access.claims);
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user: role and parks' })
  async me(@Req() request: { access: RequestAccess }): Promise<SessionUser> {
    const user = await this.users.find(request.access.claims.sub);
    if (!user || user.disabled) throw new DomainError('UNAUTHENTICATED', 'the account is gone or disabled');
    return this.auth.sessionUser(user);
  }
}
