import { Global, Module } from '@nestjs/common';
import { DATABASE, Database, repositoryProviders } from '@hp/storage';
import { UserAccounts } from './user-accounts';
import { RefreshTokensRepository, UsersRepository } from './users.repository';

/** Accounts' store (users, refresh_tokens) for every app with storage. Needs the global StorageModule. */
@Global()
@Module({
  providers: [
    ...repositoryProviders([UsersRepository, RefreshTokensRepository]),
    { provide: UserAccounts, useFactory: (db: Database) => new UserAccounts(db), inject: [DATABASE] },
  ],
  exports: [UsersRepository, RefreshTokensRepository, UserAccounts],
})
export class AccountsDataModule {}
