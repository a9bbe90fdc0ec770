import { SqlExecutor } from '@hp/storage';
import { User, UserInput, UsersRepository } from './users.repository';

/**
 * Users as other projects may handle them (seeds, tests): save one, look one up, disable one. Sign-in,
 * sessions and the admin API are accounts' own and go through AuthService and the admin routes.
 */
export class UserAccounts {
  private readonly users: UsersRepository;

  constructor(db: SqlExecutor) {
    this.users = new UsersRepository(db);
  }

  /** Creates or updates a user by username; a disabled user stays disabled. */
  save(input: UserInput): Promise<User> {
    return this.users.upsert(input);
  }

  findByUsername(username: string): Promise<(User & { passwordHash: string }) | null> {
    return this.users.findByUsername(username);
  }

  setDisabled(username: string, disabled: boolean): Promise<User | null> {
    return this.users.setDisabled(username, disabled);
  }
}
