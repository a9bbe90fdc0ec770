import { createHash, timingSafeEqual } from 'node:crypto';
import type { AedesOptions, AuthenticateError, AuthErrorCode, Client } from 'aedes';
import { AclRules, aclAllows, unsharedFilter } from './acl';
import { LoginBackoffLimiter } from './login-backoff-limiter';
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
  /**
   * Client ids it may connect with: exact ids, or prefixes written `prefix*`. Default: its username only
   * (what Mosquitto's `use_username_as_clientid` makes of every client). No device may use any of them.
   */
  readonly clientIds?: readonly string[];
} & (
  { readonly password: string; readonly hash?: never } | { readonly hash: string; readonly password?: never }
);

export interface BrokerAuthOptions {
  /** The device whose MQTT username is this code; null when there is none or it has no credential. */
  lookupDevice(code: string): Promise<DeviceCredential | null>;
  /** Checked before the devices: a device cannot take a service account's name. */
  readonly serviceAccounts?: readonly ServiceAccount[];
  /** Failed logins per (username, client address), shared with the FTP intake; default: one of its own. */
  readonly loginLimiter?: LoginBackoffLimiter;
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
  /** Whether this account may connect with the client id (a device: its own code only). */
  allowsClientId(clientId: string): boolean;
  verify(plain: string): Promise<boolean>;
}

// MQTT 3.1.1 CONNACK return codes.
const IDENTIFIER_REJECTED = 2 as AuthErrorCode;
const SERVER_UNAVAILABLE = 3 as AuthErrorCode;
const BAD_USERNAME_OR_PASSWORD = 4 as AuthErrorCode;

/** Whether a client id is one of the patterns (`id` exactly, or `prefix*`). */
export function clientIdMatches(patterns: readonly string[], clientId: string): boolean {
  return patterns.some((p) => (p.endsWith('*') ? clientId.startsWith(p.slice(0, -1)) : clientId === p));
}

function refusal(returnCode: AuthErrorCode, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode });
}

/** The client's IP address as the socket sees it ('unknown' when it has none, e.g. a closed socket). */
function remoteAddress(client: Client): string {
  const conn = (client as unknown as { conn?: { remoteAddress?: string } }).conn;
  return conn?.remoteAddress ?? 'unknown';
}

function sha512(value: string): Buffer {
  return createHash('sha512').update(value, 'utf8').digest();
}

function serviceAccount(account: ServiceAccount): Account {
  const clientIds = account.clientIds ?? [account.username];
  const allowsClientId = (clientId: string) => clientIdMatches(clientIds, clientId);
  if (account.password === undefined) {
    const hash = account.hash;
    return { acl: account.acl, allowsClientId, verify: (plain) => verifyDevicePassword(plain, hash) };
  }
  // Digests of equal length, so the comparison is constant-time whatever the lengths of the passwords.
  const expected = sha512(account.password);
  return {
    acl: account.acl,
    allowsClientId,
    verify: async (plain) => timingSafeEqual(sha512(plain), expected),
  };
}

/**
 * Device identity and topic ACLs for the embedded aedes broker (MQTT 3.1.1):
 * - authenticate: the username is a service account's name or a device code, the password must match
 *   its hash. Anything else is refused with CONNACK 4 (bad username or password); 3 when the lookup fails.
 *   The client id is bound to the account: a device connects only with its own code as client id, a
 *   service account only with its own client ids, and no device may use a service account's client id
 *   (CONNACK 2, identifier rejected); otherwise a device could take over the platform consumer's session
 *   (aedes, like every broker, disconnects the older client of a client id) and lose its readings.
 *   Failed attempts count per (username, client address) in loginLimiter; a backed-off pair is refused
 *   with CONNACK 4 before its password is checked.
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
  const limiter = options.loginLimiter ?? new LoginBackoffLimiter();
  const serviceClientIds = (options.serviceAccounts ?? []).flatMap((a) => a.clientIds ?? [a.username]);

  function lookup(username: string): Promise<Account | null> {
    const service = services.get(username);
    if (service) return Promise.resolve(service);
    const cached = cache.get(username);
    if (cached && cached.expires > now()) return cached.account;
    const account = options.lookupDevice(username).then((device): Account | null =>
      device
        ? {
            acl: device.acl,
            // Its own code, and never a client id a service account owns (a device code could look like one).
            allowsClientId: (clientId) =>
              clientId === username && !clientIdMatches(serviceClientIds, clientId),
            verify: (plain) => verifyDevicePassword(plain, device.hash),
          }
        : null,
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
      const address = remoteAddress(client);
      if (limiter.retryAfterMs(username, address) > 0) {
        limiter.failed(username, address);
        done(refusal(BAD_USERNAME_OR_PASSWORD, 'too many failed logins: try again later'), false);
        return;
      }
      lookup(username)
        .then(async (account) => {
          const plain = password.toString('utf8');
          // An unknown name costs a PBKDF2 run too, so the time taken does not tell which names exist.
          if (!account) await verifyDevicePassword(plain, await unknownUser);
          if (!account || !(await account.verify(plain))) {
            limiter.failed(username, address);
            done(refusal(BAD_USERNAME_OR_PASSWORD, 'bad username or password'), false);
            return;
          }
          if (!account.allowsClientId(client.id)) {
            // Counted too: probing for the consumer's client id with a valid device is an attack.
            limiter.failed(username, address);
            done(refusal(IDENTIFIER_REJECTED, `client id not allowed for ${username}`), false);
            return;
          }
          limiter.succeeded(username, address);
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
