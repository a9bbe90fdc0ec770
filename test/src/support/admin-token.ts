import { INestApplicationContext } from '@nestjs/common';
import { AuthService } from '@hp/accounts';

/** An admin's access token for the platform under test, minted by its own token service (no sign-in). */
export function adminToken(app: INestApplicationContext, username = 'e2e'): string {
  return app.get(AuthService).accessToken({ id: 0, username, role: 'admin', parkIds: [] });
}

/** The bearer header of that token. */
export function adminHeaders(app: INestApplicationContext): Record<string, string> {
  return { authorization: `Bearer ${adminToken(app)}` };
}
