export { AccountsModule } from './accounts.module';
export { AccountsDataModule } from './storage/accounts-data.module';
export { UserAccounts } from './storage/user-accounts';
export { USER_ROLES } from './storage/users.repository';
export type { User, UserInput, UserRole } from './storage/users.repository';
export {
  AuthService,
  AUTH_SETTINGS,
  DEFAULT_AUTH_SETTINGS,
  hashUserPassword,
  STREAM_TICKET_SECONDS,
  UNSTORED_SUBJECT,
} from './auth/auth.service';
export type { AuthSettings, SessionUser, StreamTicket, TokenPair } from './auth/auth.service';
export { verifyUserPassword, USER_PASSWORD_ITERATIONS } from './auth/passwords';
export { ACCESS_TOKEN_AUDIENCE, STREAM_TICKET_AUDIENCE, TOKEN_ISSUER, TokenKeys } from './auth/jwt';
export type { AccessClaims } from './auth/jwt';
export { AccessGuard } from './access/access.guard';
export { AccessDeclarationError, checkAccessDeclarations } from './access/park-resolvers';
export type { RequestAccess } from './access/access.guard';
export { MIN_PASSWORD_LENGTH } from './admin/admin.schemas';
export { DEMO_USERS, isUsersCommand, runUsersCli, seedDemoUsers, USERS_USAGE } from './admin/users-seed';
