import { generateDevicePassword } from '@hp/device-identity';
import { Database, withConfiguredDatabase } from '@hp/storage';
import { RegistryReader } from '@hp/registry';
import { parseArgs } from 'node:util';
import { hashUserPassword } from '../auth/passwords';
import { RefreshTokensRepository, UserRole, UsersRepository } from '../storage/users.repository';

/**
 * The demo accounts of `npm start` (embedded defaults only, never with DATABASE_URL): one per role, the
 * park operator for the first seeded park. Added only to an empty users table. Their passwords are
 * public: a demo is not a deployment.
 */
export const DEMO_USERS: readonly { username: string; name: string; role: UserRole; password: string }[] = [
  { username: 'admin', name: 'Quản trị hệ thống', role: 'admin', password: 'admin-demo-2030' },
  { username: 'officer', name: 'Cán bộ môi trường', role: 'officer', password: 'officer-demo-2030' },
  { username: 'manager', name: 'Lãnh đạo Ban quản lý', role: 'manager', password: 'manager-demo-2030' },
  { username: 'operator', name: 'Vận hành KCN', role: 'park_operator', password: 'operator-demo-2030' },
];

export async function seedDemoUsers(db: Database, operatorParkCode: string): Promise<number> {
  const users = new UsersRepository(db);
  if ((await users.count()) > 0) return 0;
  const park = await new RegistryReader(db).parks.findByCode(operatorParkCode);
  for (const u of DEMO_USERS) {
    if (u.role === 'park_operator' && !park) continue;
    await users.upsert({
      username: u.username,
      name: u.name,
      role: u.role,
      parkIds: u.role === 'park_operator' && park ? [park.id] : [],
      passwordHash: await hashUserPassword(u.password),
    });
  }
  return DEMO_USERS.length;
}

export const USERS_USAGE = `  users-add --username NAME --role admin|officer|park_operator|manager [--name "Full name"] [--park CODE,...]
            create a user (or reset one) with a new password, printed once; a park operator needs --park`;

export function isUsersCommand(command: string | undefined): boolean {
  return command === 'users-add';
}

/** `users-add`: the first admin of a deployment, or a password reset, from the command line. */
export async function runUsersCli(
  argv: readonly string[],
  err = (m: string) => console.error(m),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: [...argv.slice(1)],
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        park: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values as Record<string, string | undefined>;
  } catch (error) {
    err(`${(error as Error).message}\nusage:\n${USERS_USAGE}`);
    return 2;
  }
  const { username, role, name, park } = values;
  const roles = ['admin', 'officer', 'park_operator', 'manager'];
  if (!username || !role || !roles.includes(role)) {
    err(`--username and --role (${roles.join(', ')}) are required\nusage:\n${USERS_USAGE}`);
    return 2;
  }
  const parkCodes = (park ?? '').split(',').filter(Boolean);
  if (role === 'park_operator' && parkCodes.length === 0) {
    err('a park operator needs --park CODE');
    return 2;
  }
  return withConfiguredDatabase(
    'users-add',
    async (db) => {
      const parks = await new RegistryReader(db).parks.list();
      const ids = parkCodes.map((code) => {
        const p = parks.find((x) => x.code === code);
        if (!p) throw new Error(`no park "${code}"`);
        return p.id;
      });
      const password = generateDevicePassword();
      const users = new UsersRepository(db);
      const before = await users.findByUsername(username);
      const saved = await users.upsert({
        username,
        name: name ?? username,
        role: role as UserRole,
        parkIds: ids,
        passwordHash: await hashUserPassword(password),
      });
      // A reset ends the old password's sessions; it never enables a disabled account.
      if (before) await new RefreshTokensRepository(db).revokeAllOf(saved.id);
      console.log(
        `user ${username} (${role}) saved${saved.disabled ? '; it stays disabled (a reset does not enable it)' : ''}`,
      );
      console.log(`  password: ${password}`);
      console.log('  Shown this once; only its hash is stored. Run users-add again to reset it.');
    },
    { env, err },
  );
}
