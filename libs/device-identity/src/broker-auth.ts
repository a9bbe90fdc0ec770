import { createHash, timingSafeEqual } from 'node:crypto';
import type { AedesOptions, AuthenticateError, AuthErrorCode, Client } from 'aedes';
import { AclRules, aclAllows, unsharedFilter } from './acl';
import { generateDevicePassword, hashDevicePassword, verifyDevicePassword } from './password-hash';

/** A device's stored credential (`$7$` hash) and its ACL, as lookupDevice returns them. */
export interface DeviceCredential {
  readonly hash: string;
  readonly acl: AclRules;
}

/** A fixed account (the platform's MQTT_USERNAME, a simulator): a plain password or its `$7$` hash. */
export type ServiceAccount = {
  readonly username: string;
  readonly acl: AclRules;
} & (
  { readonly password: string; readonly hash?: never } | { readonly hash: string; readonly password?: never }
);

export interface BrokerAuthOptions {
  /** The device whose MQTT username is this code; null when there is none or it has no credential. */
  lookupDevice(code: string): Promise<DeviceCredential | null>;
  /** Checked before the devices: a device cannot take a service account's name. */
  readonly serviceAccounts?: readonly ServiceAccount[];
  /** How long a device lookup (found or not) is reused; default 30 s. A failed lookup is not kept. */
  readonly cacheTtlMs?: number;
  /** Clock for the cache (tests). */
  readonly now?: () => number;
}

type Hooks = Required<Pick<AedesOptions, 'authenticate' | 'authorizePublish' | 'authorizeSubscribe'>>;

/** The aedes hooks for startEmbeddedBroker, plus a way to drop cached device lookups. */
export interface BrokerAuth extends Hooks {
  /** Forgets the cached lookup of one device, or of all; the next publish or login reads it again. */
  forget(code?: string): void;
}

interface Account {
  readonly acl: AclRules;
  verify(plain: string): Promise<boolean>;
}

// MQTT 3.1.1 CONNACK return codes.
const BAD_USERNAME_OR_PASSWORD = 4 as AuthErrorCode;
const SERVER_UNAVAILABLE = 3 as AuthErrorCode;

function refusal(returnCode: AuthErrorCode, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode });
}

function sha512(value: string): Buffer {
  return createHash('sha512').update(value, 'utf8').digest();
}

function serviceAccount(account: ServiceAccount): Account {
  if (account.password === undefined) {
    const hash = account.hash;
    return { acl: account.acl, verify: (plain) => verifyDevicePassword(plain, hash) };
  }
  // Digests of equal length, so the comparison is constant-time whatever the lengths of the passwords.
  const expected = sha512(account.password);
  return { acl: account.acl, verify: async (plain) => timingSafeEqual(sha512(plain), expected) };
}

/**
 * Device identity and topic ACLs for the embedded aedes broker (MQTT 3.1.1):
 * - authenticate: the username is a service account's name or a device code, the password must match
 *   its hash. Anything else is refused with CONNACK 4 (bad username or password); 3 when the lookup fails.
 * - authorizePublish: the topic must be in the publish ACL of the account the client logged in as (never
 *   anything the client sends later). Otherwise aedes drops the message, stores nothing (no retained
 *   message) and closes the connection, which is all MQTT 3.1.1 allows (MQTT-3.3.5-2): no error reaches
 *   the client.
 * - authorizeSubscribe: a filter outside the subscribe ACL is granted QoS 128 (failure). An allowed
 *   `$share/<group>/<filter>` is subscribed as `<filter>`, since aedes has no shared subscriptions.
 * Device lookups are cached for cacheTtlMs, so a PUBLISH does not reach the database, and a revoked or
 * rebound device loses its old rights within that time.
 */
export function createBrokerAuth(options: BrokerAuthOptions): BrokerAuth {
  const ttl = options.cacheTtlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const services = new Map((options.serviceAccounts ?? []).map((a) => [a.username, serviceAccount(a)]));
  const cache = new Map<string, { expires: number; account: Promise<Account | null> }>();
  const loggedIn = new WeakMap<Client, string>();
  const unknownUser = hashDevicePassword(generateDevicePassword());

  function lookup(username: string): Promise<Account | null> {
    const service = services.get(username);
    if (service) return Promise.resolve(service);
    const cached = cache.get(username);
    if (cached && cached.expires > now()) return cached.account;
    const account = options
      .lookupDevice(username)
      .then((device): Account | null =>
        device ? { acl: device.acl, verify: (plain) => verifyDevicePassword(plain, device.hash) } : null,
      );
    cache.set(username, { expires: now() + ttl, account });
    account.catch(() => {
      if (cache.get(username)?.account === account) cache.delete(username);
    });
    return account;
  }

  async function aclOf(client: Client | null): Promise<AclRules | null> {
    const username = client && loggedIn.get(client);
    if (!username) return null;
    return (await lookup(username))?.acl ?? null;
  }

  return {
    authenticate(client, username, password, done) {
      if (!username || !password) {
        done(refusal(BAD_USERNAME_OR_PASSWORD, 'username and password required'), false);
        return;
      }
      lookup(username)
        .then(async (account) => {
          const plain = password.toString('utf8');
          // An unknown name costs a PBKDF2 run too, so the time taken does not tell which names exist.
          if (!account) await verifyDevicePassword(plain, await unknownUser);
          if (!account || !(await account.verify(plain))) {
            done(refusal(BAD_USERNAME_OR_PASSWORD, 'bad username or password'), false);
            return;
          }
          loggedIn.set(client, username);
          done(null, true);
        })
        .catch((error: unknown) =>
          done(refusal(SERVER_UNAVAILABLE, `device lookup failed: ${(error as Error).message}`), false),
        );
    },

    authorizePublish(client, packet, callback) {
      // client is null for a will aedes restores from persistence after a restart: nobody to check it against.
      aclOf(client).then(
        (acl) =>
          callback(
            acl && aclAllows(acl.publish, packet.topic)
              ? null
              : new Error(`not authorized to publish ${packet.topic}`),
          ),
        (error: unknown) => callback(error as Error),
      );
    },

    authorizeSubscribe(client, subscription, callback) {
      aclOf(client).then(
        (acl) => {
          const filter = unsharedFilter(subscription.topic);
          if (!acl || filter === null || !aclAllows(acl.subscribe, filter)) return callback(null, null);
          // A new object: aedes keeps the SUBSCRIBE packet's own entry (retained lookups, session store).
          callback(null, filter === subscription.topic ? subscription : { ...subscription, topic: filter });
        },
        (error: unknown) => callback(error as Error),
      );
    },

    forget(code) {
      if (code === undefined) cache.clear();
      else cache.delete(code);
    },
  };
}
