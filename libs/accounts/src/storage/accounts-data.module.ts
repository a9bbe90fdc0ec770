import { Global, Module } from '@nestjs/common';
import { DATABASE, Database, repositoryProviders } from '@hp/storage';
import { UserAccounts } from './user-accounts';
import { LoginFailuresRepository } from './login-failures.repository';
import { StreamTicketRedemptionsRepository } from './stream-ticket-redemptions.repository';
import { RefreshTokensRepository, UsersRepository } from './users.repository';

/** Accounts' store (users, refresh_tokens, stream_ticket_redemptions, login_failures) for every app with storage. Needs the global StorageModule. */
@Global()
@Module({
  providers: [
    ...repositoryProviders([
      UsersRepository,
      RefreshTokensRepository,
      StreamTicketRedemptionsRepository,
      LoginFailuresRepository,
    ]),
    { provide: UserAccounts, useFactory: (db: Database) => new UserAccounts(db), inject: [DATABASE] },
  ],
  exports: [
    UsersRepository,
    RefreshTokensRepository,
    StreamTicketRedemptionsRepository,
    LoginFailuresRepository,
    UserAccounts,
  ],
})
export class AccountsDataModule {}
