import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { ConfigError } from './config-error';
import { Env, EnvReader } from './env-readers';

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The whole configuration of every app, read once at boot. */
export interface PlatformConfig {
  readonly logLevel: LogLevel;
  readonly http: { readonly host: string; readonly port: number };
  readonly storage: {
    /** Set: the `pg` server driver. Unset: the embedded TimescaleDB under `dataDir`. */
    readonly databaseUrl: string | undefined;
    readonly dataDir: string;
    readonly poolSize: number;
    readonly migrateOnBoot: boolean;
    /** Readings older than this many days are dropped; 0 keeps them forever. */
    readonly retentionDays: number;
    /** Chunks older than this many days are compressed (TimescaleDB only). */
    readonly compressAfterDays: number;
  };
  readonly mqtt: {
    /** Set: connect to this broker. Unset: start the embedded broker on `embeddedPort`. */
    readonly url: string | undefined;
    readonly embeddedPort: number;
    /** Address the embedded broker listens on. */
    readonly embeddedHost: string;
    /** Largest MQTT packet a client may send to the embedded broker. */
    readonly maxPacketBytes: number;
    readonly username: string | undefined;
    readonly password: string | undefined;
    readonly clientId: string;
    /** Broker keeps the consumer's session (and its unacknowledged messages) this long while it is away. */
    readonly sessionExpirySeconds: number;
    /** MQTT 5 Receive Maximum: unacknowledged messages the broker may have in flight to the consumer. */
    readonly receiveMaximum: number;
    /** MQTT 5 shared-subscription group so several ingestion instances split the load. Empty: no sharing. */
    readonly shareGroup: string;
    readonly protocolVersion: 4 | 5;
  };
  /**
   * The broker cluster (NATS JetStream). Servers set: devices reach MQTT edges (the mqtt-edge app) that
   * store each message in the replicated telemetry stream before the PUBACK, and ingestion consumes the
   * stream instead of MQTT. Empty: the single-node path (embedded broker or MQTT_URL).
   */
  readonly nats: {
    readonly servers: readonly string[];
    readonly username: string | undefined;
    readonly password: string | undefined;
    readonly stream: string;
    readonly replicas: number;
    readonly maxBytes: number;
    /** How long a message stays in the stream, consumed or not. */
    readonly maxAgeSeconds: number;
  };
  readonly ingest: {
    /** A batch is flushed when it holds this many readings... */
    readonly batchMaxReadings: number;
    /** ...or this long after its first reading arrived. */
    readonly flushIntervalMs: number;
    /** Readings buffered or being written before the consumer stops reading from the broker. */
    readonly maxBufferedReadings: number;
    /** Batches written at once; their commits are acknowledged in arrival order all the same. */
    readonly concurrentWrites: number;
    /** Device timestamps older than this are refused (the Circular 10/2021 logger keeps 60 days). */
    readonly backfillDays: number;
    /** Device timestamps further ahead of the server clock than this are refused. */
    readonly futureToleranceSeconds: number;
  };
  readonly compliance: {
    /** A closed local day stays provisional this long for late data (loggers' buffered files), then is final. */
    readonly lateDataWindowMinutes: number;
  };
  /** The Sparkplug B host application on the ingestion consumer (libs/sparkplug). */
  readonly sparkplug: {
    readonly enabled: boolean;
    /** Sparkplug group ids followed; empty: every group. */
    readonly groups: readonly string[];
  };
  /** How hazardous-waste chains are judged (none of these is verified law, domain.md 3.1/3.3). */
  /** Circular 10/2021 files: the FTP intake of station loggers and the relay to the authority. */
  readonly circular10: {
    /** `separator`: `tab`, `whitespace` or a literal; `fileNamePattern`: {park}, {station}, {time} [U]. */
    readonly format: { readonly separator: string; readonly fileNamePattern: string };
    readonly intake: {
      /** FTP port station data loggers upload to; null: no intake; 0: any free port (tests). */
      readonly port: number | null;
      readonly host: string;
      /** Address given to clients for passive data connections (one they can reach). */
      readonly passiveHost: string;
      readonly passivePortMin: number;
      readonly passivePortMax: number;
    };
    readonly relay: {
      /** `ftp://user:pass@host:21/dir`; undefined: no relay. */
      readonly url: string | undefined;
      /** `PARK/STATION` codes; empty: every active outlet station. */
      readonly stations: readonly string[];
      /** One file per station and clock-aligned interval of this many minutes. */
      readonly intervalMinutes: number;
      /** An interval is sent this long after it ends, so its transmissions have arrived. */
      readonly delaySeconds: number;
      /** A station relayed for the first time starts this many hours back. */
      readonly backfillHours: number;
    };
  };
  readonly waste: {
    /** Accepted difference between handed-over and received mass, as a fraction (0.02 = 2 %). */
    readonly massTolerance: number;
    readonly maxStorageDays: number;
    /** Days after handover by which treatment must be confirmed (the manifest closed). */
    readonly manifestCloseDays: number;
  };
  /** The public read-only endpoints (/api/open/v1). */
  readonly openData: {
    readonly licence: string;
    readonly licenceUrl: string;
    readonly cacheSeconds: number;
    readonly ratePerMinute: number;
  };
  readonly alerts: {
    /** SMTP server for alert e-mail, `smtp://user:pass@host:587`; unset: e-mail is not sent. */
    readonly smtpUrl: string | undefined;
    readonly mailFrom: string;
    /** HMAC-SHA256 key signing webhook bodies (X-HP-Signature); unset: webhooks go unsigned. */
    readonly webhookSecret: string | undefined;
    /** An alert unacknowledged this long goes to the next recipient level. */
    readonly escalateAfterMinutes: number;
    /** While an alert is open and unacknowledged, its recipients are reminded this often. */
    readonly remindEveryMinutes: number;
  };
  readonly demo: {
    /**
     * A demo's in-process mail catcher takes alert e-mail (ALERT_SMTP_URL points at it) and admins read it at
     * /api/dev/mailbox; only on embedded defaults without ALERT_SMTP_URL, never with a configured database.
     */
    readonly mailCatcher: boolean;
  };
  /** The console's map (apps/console): background tiles only from this URL template; unset: no tiles. */
  readonly map: {
    /** e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; its host joins the console's img-src. */
    readonly tileUrl: string | undefined;
    readonly tileAttribution: string | undefined;
  };
  /** A Grafana to publish dashboards to and post alert annotations on; unset: none. */
  readonly grafana: {
    readonly url: string | undefined;
    /** Service-account token (Editor), sent as a Bearer token. */
    readonly token: string | undefined;
  };
  readonly auth: {
    /** HMAC key of the access tokens; unset: a random one per process (tokens die with it). */
    readonly jwtSecret: string | undefined;
    /** Earlier keys, still accepted for verification while their tokens live (key rotation). */
    readonly jwtPreviousSecrets: readonly string[];
    /** Outside embedded mode (DATABASE_URL set) the API refuses to start without AUTH_JWT_SECRET. */
    readonly jwtSecretRequired: boolean;
    readonly accessTokenMinutes: number;
    readonly refreshTokenDays: number;
    /** Failed logins of one (username, client address) pair before each further one doubles the wait. */
    readonly maxFailedLogins: number;
    /** Failed logins from one client address (any usernames) in 15 minutes before it must wait. */
    readonly maxFailedLoginsPerAddress: number;
    /** Reverse proxies whose X-Forwarded-For names the client (Express `trust proxy`); empty: none. */
    readonly trustedProxies: readonly string[];
  };
  readonly redis: {
    /** Redis of the BullMQ queues (REDIS_URL, or REDIS_SENTINELS); required by (and only with) QUEUE_DRIVER=bullmq. */
    readonly endpoint: RedisEndpoint | undefined;
    /** Key prefix of the queues: platforms sharing one Redis must each have their own. */
    readonly prefix: string;
  };
  readonly queue: {
    /**
     * `bullmq` (durable, on REDIS_URL, shared by separate processes) or `in-process` (one process only,
     * lost on restart). Chosen by configuration, never by probing for a Redis.
     */
    readonly driver: QueueDriver;
  };
  readonly seed: { readonly onBoot: boolean };
  readonly simulator: {
    readonly enabled: boolean;
    readonly stations: number;
    readonly seed: number;
    readonly intervalMs: number;
    /** Simulated seconds per real second while replaying the backfill; then real time. */
    readonly speed: number;
    /** The simulated clock starts this many hours before now and catches up at `speed` (no history only). */
    readonly backfillHours: number;
    /**
     * Days of demo history written straight to the database before the simulators start (they then start
     * at its end, now); 0: none, the simulators replay `backfillHours` instead.
     */
    readonly historyDays: number;
    /**
     * The simulators' own account on an external broker (MQTT_URL). Never the consumer's: a broker that
     * takes the username as client id would hand the simulators the consumer's session.
     */
    readonly mqttUsername: string | undefined;
    readonly mqttPassword: string | undefined;
  };
}

/**
 * Where the platform's Redis is: one server by URL, or a primary found through Redis Sentinel (it follows
 * a failover to the promoted replica). Every ioredis connection is built from this (libs/queue).
 */
export type RedisEndpoint =
  | { readonly kind: 'url'; readonly url: string }
  | {
      readonly kind: 'sentinel';
      readonly sentinels: readonly { readonly host: string; readonly port: number }[];
      /** The master name the sentinels monitor. */
      readonly name: string;
      /** Of the Redis servers (primary and replicas). */
      readonly password: string | undefined;
      /** Of the sentinels themselves, when they require one. */
      readonly sentinelPassword: string | undefined;
    };

/** Shortest accepted AUTH_JWT_SECRET (HS256 wants a key at least as long as its 256-bit output). */
export const MIN_JWT_SECRET_LENGTH = 32;

/** Reads and validates the environment. Throws one ConfigError listing every bad variable. */
export function loadConfig(env: Env = process.env): PlatformConfig {
  return readConfig(new EnvReader(env));
}

/**
 * A tile URL template ({z}/{x}/{y}, maybe {s} subdomains): https (or http) only, since its host is allowed
 * into the console's Content-Security-Policy.
 */
function readTileUrl(r: EnvReader, name: string): string | undefined {
  const value = r.optionalString(name);
  if (value === undefined) return undefined;
  try {
    const { protocol } = new URL(value.replace(/\{s\}/g, 'a'));
    if (protocol === 'https:' || protocol === 'http:') return value;
  } catch {
    // reported below
  }
  r.problems.push(
    `${name}: expected an http(s) tile URL template like https://tile.example.org/{z}/{x}/{y}.png`,
  );
  return undefined;
}

/** The names of every variable loadConfig reads (used by tests that hold docs and infra to the code). */
export function readVariableNames(): string[] {
  const reader = new EnvReader({});
  readConfig(reader);
  return [...reader.names].sort();
}

function readConfig(r: EnvReader): PlatformConfig {
  const databaseUrl = r.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const mqttUrl = r.url('MQTT_URL', ['mqtt:', 'mqtts:', 'tcp:', 'ws:', 'wss:']);
  const embedded = databaseUrl === undefined;
  const smtpUrl = r.url('ALERT_SMTP_URL', ['smtp:', 'smtps:']);
  // The mail catcher is a demo's: never beside a configured database or a real SMTP server.
  const mailCatcherAllowed = embedded && !smtpUrl;
  const redisEndpoint = readRedisEndpoint(r);
  const protocol = r.oneOf('MQTT_PROTOCOL_VERSION', ['4', '5'] as const, '5');
  const config: PlatformConfig = {
    logLevel: r.oneOf('LOG_LEVEL', LOG_LEVELS, 'log'),
    http: { host: r.string('HTTP_HOST', '0.0.0.0'), port: r.int('HTTP_PORT', 3000, 0, 65535) },
    storage: {
      databaseUrl,
      dataDir: r.string('DATA_DIR', '.data/timescaledb'),
      poolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 200),
      migrateOnBoot: r.bool('MIGRATE_ON_BOOT', true),
      retentionDays: r.int('READINGS_RETENTION_DAYS', 0, 0, 36500),
      compressAfterDays: r.int('READINGS_COMPRESS_AFTER_DAYS', 7, 1, 3650),
    },
    mqtt: {
      url: mqttUrl,
      embeddedPort: r.int('MQTT_EMBEDDED_PORT', 1884, 0, 65535),
      // Loopback by default: the embedded mode is a demo or a single machine; devices elsewhere need it opened on purpose.
      embeddedHost: r.string('MQTT_EMBEDDED_HOST', '127.0.0.1'),
      // 256 KiB: a full telemetry message (1000 readings) is ~120 KB.
      maxPacketBytes: r.int('MQTT_MAX_PACKET_BYTES', 262_144, 1024, 268_435_455),
      username: r.optionalString('MQTT_USERNAME'),
      password: r.optionalString('MQTT_PASSWORD'),
      // Host name and pid: replicas in containers share a pid, and a shared client id kicks the other off.
      clientId: r.string('MQTT_CLIENT_ID', `hp-ingestion-${hostname()}`),
      sessionExpirySeconds: r.int('MQTT_SESSION_EXPIRY_SECONDS', 86_400, 0, 4_294_967_295),
      receiveMaximum: r.int('MQTT_RECEIVE_MAXIMUM', 4000, 1, 65_535),
      shareGroup: r.string('MQTT_SHARE_GROUP', ''),
      // The embedded broker (aedes) speaks MQTT 3.1.1 only; shared subscriptions need MQTT 5.
      protocolVersion: mqttUrl === undefined ? 4 : protocol === '5' ? 5 : 4,
    },
    nats: {
      servers: r.list('NATS_SERVERS', /^(nats|tls):\/\/[^\s,]+$/, 'a comma list of nats://host:port'),
      username: r.optionalString('NATS_USERNAME'),
      password: r.optionalString('NATS_PASSWORD'),
      stream: r.string('NATS_STREAM', 'HP_TELEMETRY'),
      replicas: r.int('NATS_STREAM_REPLICAS', 3, 1, 5),
      maxBytes: r.int('NATS_STREAM_MAX_BYTES', 10 * 1024 ** 3, 1024 ** 2, Number.MAX_SAFE_INTEGER),
      maxAgeSeconds: r.int('NATS_STREAM_MAX_AGE_SECONDS', 86_400, 60, 365 * 86_400),
    },
    ingest: {
      batchMaxReadings: r.int('INGEST_BATCH_MAX_READINGS', 5000, 1, 100_000),
      flushIntervalMs: r.int('INGEST_FLUSH_INTERVAL_MS', 50, 1, 60_000),
      maxBufferedReadings: r.int('INGEST_MAX_BUFFERED_READINGS', 50_000, 100, 10_000_000),
      concurrentWrites: r.int('INGEST_CONCURRENT_WRITES', 2, 1, 16),
      backfillDays: r.int('INGEST_BACKFILL_DAYS', 60, 0, 3650),
      futureToleranceSeconds: r.int('INGEST_FUTURE_TOLERANCE_SECONDS', 300, 0, 86_400),
    },
    compliance: {
      lateDataWindowMinutes: r.int('COMPLIANCE_LATE_DATA_WINDOW_MINUTES', 60, 0, 10_080),
    },
    circular10: readCircular10(r),
    sparkplug: {
      enabled: r.bool('SPARKPLUG_ENABLED', false),
      groups: r.list(
        'SPARKPLUG_GROUPS',
        /^[^/+#\s]{1,256}$/,
        'a comma-separated list of Sparkplug group ids',
      ),
    },
    waste: {
      massTolerance: r.decimal('WASTE_MASS_TOLERANCE_PERCENT', 2, 0, 100) / 100,
      maxStorageDays: r.int('WASTE_MAX_STORAGE_DAYS', 365, 1, 3650),
      manifestCloseDays: r.int('WASTE_MANIFEST_CLOSE_DAYS', 30, 1, 3650),
    },
    openData: {
      licence: r.string('OPEN_DATA_LICENCE', 'CC-BY-4.0'),
      licenceUrl: r.string('OPEN_DATA_LICENCE_URL', 'https://creativecommons.org/licenses/by/4.0/'),
      cacheSeconds: r.int('OPEN_DATA_CACHE_SECONDS', 300, 0, 86_400),
      ratePerMinute: r.int('OPEN_DATA_RATE_LIMIT_PER_MINUTE', 60, 1, 1_000_000),
    },
    alerts: {
      smtpUrl,
      mailFrom: r.string('ALERT_MAIL_FROM', 'alerts@hp-envmon.local'),
      webhookSecret: r.optionalString('ALERT_WEBHOOK_SECRET'),
      escalateAfterMinutes: r.int('ALERT_ESCALATE_AFTER_MINUTES', 30, 1, 10_080),
      remindEveryMinutes: r.int('ALERT_REMIND_EVERY_MINUTES', 60, 1, 10_080),
    },
    demo: { mailCatcher: r.bool('ALERT_MAIL_CATCHER', mailCatcherAllowed) && mailCatcherAllowed },
    map: {
      tileUrl: readTileUrl(r, 'MAP_TILE_URL'),
      tileAttribution: r.optionalString('MAP_TILE_ATTRIBUTION'),
    },
    grafana: {
      url: r.url('GRAFANA_URL', ['http:', 'https:']),
      token: r.optionalString('GRAFANA_TOKEN'),
    },
    auth: {
      jwtSecret: readJwtSecrets(r, 'AUTH_JWT_SECRET', false)[0],
      jwtPreviousSecrets: readJwtSecrets(r, 'AUTH_JWT_PREVIOUS_SECRETS', true),
      jwtSecretRequired: !embedded,
      accessTokenMinutes: r.int('AUTH_ACCESS_TOKEN_MINUTES', 15, 1, 1440),
      refreshTokenDays: r.int('AUTH_REFRESH_TOKEN_DAYS', 30, 1, 365),
      maxFailedLogins: r.int('AUTH_MAX_FAILED_LOGINS', 10, 1, 1000),
      maxFailedLoginsPerAddress: r.int('AUTH_MAX_FAILED_LOGINS_PER_ADDRESS', 100, 1, 100_000),
      trustedProxies: readTrustedProxies(r, 'AUTH_TRUSTED_PROXIES'),
    },
    redis: { endpoint: redisEndpoint, prefix: r.string('REDIS_PREFIX', 'hp') },
    queue: { driver: readQueueDriver(r, redisEndpoint) },
    seed: { onBoot: r.bool('SEED_ON_BOOT', embedded) },
    simulator: {
      enabled: r.bool('SIMULATOR_ENABLED', embedded && mqttUrl === undefined),
      stations: r.int('SIMULATOR_STATIONS', 0, 0, 10000),
      seed: r.int('SIMULATOR_SEED', 20230, 0, 2 ** 31 - 1),
      intervalMs: r.int('SIMULATOR_INTERVAL_MS', 2000, 10, 3_600_000),
      speed: r.int('SIMULATOR_SPEED', 60, 1, 100000),
      backfillHours: r.int('SIMULATOR_BACKFILL_HOURS', 24, 0, 24 * 60),
      historyDays: r.int('SIMULATOR_HISTORY_DAYS', embedded && mqttUrl === undefined ? 90 : 0, 0, 366),
      mqttUsername: r.optionalString('MQTT_SIMULATOR_USERNAME'),
      mqttPassword: r.optionalString('MQTT_SIMULATOR_PASSWORD'),
    },
  };
  const { simulator, mqtt } = config;
  if (simulator.enabled && mqtt.url && mqtt.username && !simulator.mqttUsername)
    r.problems.push(
      "MQTT_SIMULATOR_USERNAME: required when SIMULATOR_ENABLED runs the simulators against an authenticated MQTT_URL: they need a broker account of their own (sharing MQTT_USERNAME, a broker that takes the username as client id would hand them the consumer's session)",
    );
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

export const QUEUE_DRIVERS = ['bullmq', 'in-process'] as const;
export type QueueDriver = (typeof QUEUE_DRIVERS)[number];

/** Default REDIS_SENTINEL_NAME: the master name infra's sentinels monitor. */
export const DEFAULT_REDIS_SENTINEL_NAME = 'hp-redis';

/**
 * REDIS_URL (one server; its password is in the URL) or REDIS_SENTINELS (the sentinels name the primary;
 * REDIS_PASSWORD is the servers'): one or the other, since a URL beside sentinels would leave unclear which
 * server the queues are on.
 */
function readRedisEndpoint(r: EnvReader): RedisEndpoint | undefined {
  const url = r.url('REDIS_URL', ['redis:', 'rediss:']);
  const sentinels = r.list(
    'REDIS_SENTINELS',
    /^[A-Za-z0-9.-]+:\d{1,5}$/,
    'a comma-separated list of sentinel host:port, e.g. sentinel-1:26379,sentinel-2:26379',
  );
  const name = r.string('REDIS_SENTINEL_NAME', DEFAULT_REDIS_SENTINEL_NAME);
  const password = r.optionalString('REDIS_PASSWORD');
  const sentinelPassword = r.optionalString('REDIS_SENTINEL_PASSWORD');
  if (sentinels.length === 0) {
    if (password !== undefined || sentinelPassword !== undefined)
      r.problems.push(
        'REDIS_PASSWORD, REDIS_SENTINEL_PASSWORD: only with REDIS_SENTINELS (a REDIS_URL carries its password, redis://:password@host:6379)',
      );
    return url === undefined ? undefined : { kind: 'url', url };
  }
  if (url !== undefined) {
    r.problems.push(
      'REDIS_URL and REDIS_SENTINELS: set one (REDIS_SENTINELS finds the primary through the sentinels; REDIS_URL names one server)',
    );
    return undefined;
  }
  const parsed = sentinels.map((s) => {
    const [host, port] = s.split(':');
    return { host, port: Number(port) };
  });
  if (parsed.some((s) => s.port < 1 || s.port > 65535)) {
    r.problems.push(`REDIS_SENTINELS: ports are from 1 to 65535`);
    return undefined;
  }
  return { kind: 'sentinel', sentinels: parsed, name, password, sentinelPassword };
}

/** QUEUE_DRIVER, defaulting to BullMQ when a Redis is configured and in-process (embedded default) when not. */
function readQueueDriver(r: EnvReader, redis: RedisEndpoint | undefined): QueueDriver {
  const driver = r.oneOf('QUEUE_DRIVER', QUEUE_DRIVERS, redis ? 'bullmq' : 'in-process');
  if (driver === 'bullmq' && !redis)
    r.problems.push(
      'QUEUE_DRIVER=bullmq: REDIS_URL (or REDIS_SENTINELS) is required (the Redis of the queues)',
    );
  if (driver === 'in-process' && redis)
    r.problems.push(
      `QUEUE_DRIVER=in-process: ${redis.kind === 'url' ? 'REDIS_URL' : 'REDIS_SENTINELS'} is set, so the queues are BullMQ on it; unset it for an in-process queue`,
    );
  return driver;
}

/** The processes of the platform: the all-in-one `platform`, or one of the split deployment. */
export type PlatformProcess = 'platform' | 'api' | 'worker' | 'ingestion';

/**
 * Refuses the in-process queue in a process of a split deployment: the API's jobs would wait in its own
 * memory for a worker that never sees them, and a worker would run none of the API's or ingestion's.
 */
export function assertQueueForProcess(config: PlatformConfig, process: PlatformProcess): void {
  if ((process === 'api' || process === 'worker') && config.queue.driver !== 'bullmq')
    throw new ConfigError([
      `QUEUE_DRIVER=in-process: the ${process} app runs as a separate process and shares its jobs through Redis; set REDIS_URL (QUEUE_DRIVER=bullmq), or run the all-in-one platform app`,
    ]);
}

function readCircular10(r: EnvReader): PlatformConfig['circular10'] {
  const ports = r.string('CIRCULAR10_FTP_PASV_PORTS', '2122-2199');
  const range = /^(\d{1,5})-(\d{1,5})$/.exec(ports);
  const [min, max] = range ? [Number(range[1]), Number(range[2])] : [0, -1];
  if (!range || min < 1 || max > 65535 || min > max) {
    r.problems.push(`CIRCULAR10_FTP_PASV_PORTS="${ports}": expected a port range first-last, e.g. 2122-2199`);
  }
  const stations = r
    .string('CIRCULAR10_RELAY_STATIONS', '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const s of stations)
    if (!/^[^/\s]+\/[^/\s]+$/.test(s))
      r.problems.push(`CIRCULAR10_RELAY_STATIONS: "${s}" is not PARK/STATION`);
  return {
    format: {
      separator: r.string('CIRCULAR10_SEPARATOR', 'tab'),
      fileNamePattern: r.string('CIRCULAR10_FILE_PATTERN', '{station}_{time}.txt'),
    },
    intake: {
      port: r.raw('CIRCULAR10_FTP_PORT') === undefined ? null : r.int('CIRCULAR10_FTP_PORT', 2121, 0, 65535),
      host: r.string('CIRCULAR10_FTP_HOST', '0.0.0.0'),
      passiveHost: r.string('CIRCULAR10_FTP_PASV_HOST', '127.0.0.1'),
      passivePortMin: range ? min : 2122,
      passivePortMax: range ? max : 2199,
    },
    relay: {
      url: r.url('CIRCULAR10_RELAY_URL', ['ftp:']),
      stations,
      intervalMinutes: r.int('CIRCULAR10_RELAY_INTERVAL_MINUTES', 5, 1, 1440),
      delaySeconds: r.int('CIRCULAR10_RELAY_DELAY_SECONDS', 120, 0, 86_400),
      backfillHours: r.int('CIRCULAR10_RELAY_BACKFILL_HOURS', 0, 0, 24 * 60),
    },
  };
}

/** Token keys (a comma-separated list) of at least MIN_JWT_SECRET_LENGTH characters; a problem never quotes a key. */
function readJwtSecrets(r: EnvReader, name: string, list: boolean): string[] {
  const value = r.optionalString(name) ?? '';
  const keys = (list ? value.split(',') : [value]).map((k) => k.trim()).filter((k) => k !== '');
  if (keys.some((k) => k.length < MIN_JWT_SECRET_LENGTH)) {
    r.problems.push(
      `${name}: expected keys of at least ${MIN_JWT_SECRET_LENGTH} characters (value not shown)`,
    );
    return [];
  }
  return keys;
}

/** Express `trust proxy` entries: IP addresses, CIDR ranges, or loopback / linklocal / uniquelocal. */
function readTrustedProxies(r: EnvReader, name: string): string[] {
  const value = r.optionalString(name);
  if (value === undefined) return [];
  const items = value.split(',').map((item) => item.trim());
  const valid = (item: string) => {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
    const [address, prefix, extra] = item.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  };
  if (!items.every(valid)) {
    r.problems.push(
      `${name}="${value}": expected IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal), comma-separated`,
    );
    return [];
  }
  return items;
}
