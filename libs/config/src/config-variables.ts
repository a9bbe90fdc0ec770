/** The documented configuration surface: README's table is this list, and a test holds it equal to what the code reads. */
export interface ConfigVariable {
  readonly name: string;
  readonly default: string;
  readonly description: string;
}

export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  {
    name: 'DATABASE_URL',
    default: 'unset: embedded TimescaleDB',
    description: 'PostgreSQL/TimescaleDB server, postgres://user:pass@host:5432/db',
  },
  {
    name: 'DATA_DIR',
    default: '.data/timescaledb',
    description: 'Where the embedded TimescaleDB keeps its files',
  },
  { name: 'DATABASE_POOL_SIZE', default: '10', description: 'Connections in the pg pool (1-200)' },
  {
    name: 'MIGRATE_ON_BOOT',
    default: 'true',
    description: 'Apply pending migrations at start, under an advisory lock',
  },
  {
    name: 'READINGS_RETENTION_DAYS',
    default: '0 (keep forever)',
    description: 'Drop readings older than this many days',
  },
  {
    name: 'READINGS_COMPRESS_AFTER_DAYS',
    default: '7',
    description: 'Compress reading chunks older than this (TimescaleDB)',
  },
  {
    name: 'MQTT_URL',
    default: 'unset: embedded broker',
    description: 'Broker URL, mqtt://host:1883 (mqtts:, ws:, wss: also)',
  },
  {
    name: 'MQTT_EMBEDDED_PORT',
    default: '1884',
    description: 'Port of the embedded broker when MQTT_URL is unset',
  },
  {
    name: 'MQTT_EMBEDDED_HOST',
    default: '127.0.0.1',
    description:
      'Address the embedded broker listens on; 0.0.0.0 (or a LAN address) to let devices of other machines in',
  },
  {
    name: 'MQTT_MAX_PACKET_BYTES',
    default: '262144',
    description:
      'Largest MQTT packet a client may send to the embedded broker (infra/mosquitto: max_packet_size); a bigger one closes its connection',
  },
  {
    name: 'MQTT_USERNAME',
    default: 'unset',
    description: 'Username of the platform service account on the broker',
  },
  { name: 'MQTT_PASSWORD', default: 'unset', description: 'Password of that account' },
  {
    name: 'MQTT_CLIENT_ID',
    default: 'hp-ingestion-<host>',
    description:
      'MQTT client id of the ingestion consumer; stable, so a restarted instance resumes its persistent session. No device may use it. On the shipped Mosquitto (use_username_as_clientid) the client id is MQTT_USERNAME: give each ingestion instance its own service account',
  },
  {
    name: 'MQTT_SHARE_GROUP',
    default: '',
    description:
      'MQTT 5 shared-subscription group, to split the stream between several ingestion instances; empty (one instance) keeps a plain subscription, which Mosquitto restores after a restart',
  },
  {
    name: 'NATS_SERVERS',
    default: 'unset: single-node broker',
    description:
      'The broker cluster (NATS JetStream), nats://host:4222 of every node, comma-separated. Set: the mqtt-edge app stores each device message in the replicated stream before its PUBACK, and ingestion consumes the stream (a shared durable consumer, acknowledged after the commit) instead of MQTT_URL',
  },
  { name: 'NATS_USERNAME', default: 'unset', description: 'Account of the platform on the NATS cluster' },
  { name: 'NATS_PASSWORD', default: 'unset', description: 'Password of NATS_USERNAME' },
  { name: 'NATS_STREAM', default: 'HP_TELEMETRY', description: 'JetStream stream of device messages' },
  {
    name: 'NATS_STREAM_REPLICAS',
    default: '3',
    description: 'Copies of each message in the stream (1-5); a PUBACK waits for a majority of them',
  },
  {
    name: 'NATS_STREAM_MAX_BYTES',
    default: '10737418240 (10 GiB)',
    description:
      'Stream size limit; beyond it new messages get no PUBACK (devices keep them). Must exceed what arrives in NATS_STREAM_MAX_AGE_SECONDS',
  },
  {
    name: 'NATS_STREAM_MAX_AGE_SECONDS',
    default: '86400 (a day)',
    description:
      'How long a device message stays in the stream, consumed or not: a replay window, and how long ingestion may be down before what it has not consumed expires',
  },
  { name: 'MQTT_PROTOCOL_VERSION', default: '5', description: 'MQTT protocol of an external broker, 4 or 5' },
  {
    name: 'MQTT_SESSION_EXPIRY_SECONDS',
    default: '86400',
    description: 'How long the broker keeps the consumer session and its unacknowledged messages',
  },
  {
    name: 'MQTT_RECEIVE_MAXIMUM',
    default: '4000',
    description: 'MQTT 5 Receive Maximum: messages in flight to the consumer before the broker waits',
  },
  {
    name: 'SPARKPLUG_ENABLED',
    default: 'false',
    description:
      'Run the Sparkplug B host application on the ingestion consumer (spBv1.0/#, subscribed without the share group: enable it on one ingestion instance)',
  },
  {
    name: 'SPARKPLUG_GROUPS',
    default: '(empty: every group)',
    description: 'Comma-separated Sparkplug group ids whose edge nodes are followed',
  },
  {
    name: 'INGEST_BATCH_MAX_READINGS',
    default: '5000',
    description: 'Flush a write batch at this many readings',
  },
  { name: 'INGEST_FLUSH_INTERVAL_MS', default: '50', description: 'Or this long after its first reading' },
  {
    name: 'INGEST_MAX_BUFFERED_READINGS',
    default: '50000',
    description: 'Stop reading from the broker above this many unwritten readings',
  },
  {
    name: 'INGEST_CONCURRENT_WRITES',
    default: '2',
    description: 'Write batches in flight at once (acknowledged in arrival order)',
  },
  { name: 'INGEST_BACKFILL_DAYS', default: '60', description: 'Refuse device timestamps older than this' },
  {
    name: 'INGEST_FUTURE_TOLERANCE_SECONDS',
    default: '300',
    description: 'Refuse device timestamps further in the future than this',
  },
  {
    name: 'COMPLIANCE_LATE_DATA_WINDOW_MINUTES',
    default: '60 [U]',
    description: "A closed local day's verdict stays provisional this long for late data, then turns final",
  },
  {
    name: 'CIRCULAR10_FTP_PORT',
    default: 'unset: no FTP intake',
    description:
      'Port of the FTP server station data loggers upload Circular 10/2021 files to (device code and password; e.g. 2121)',
  },
  { name: 'CIRCULAR10_FTP_HOST', default: '0.0.0.0', description: 'Address the FTP intake listens on' },
  {
    name: 'CIRCULAR10_FTP_PASV_HOST',
    default: '127.0.0.1',
    description: 'Address the FTP intake gives loggers for passive data connections (one they can reach)',
  },
  {
    name: 'CIRCULAR10_FTP_PASV_PORTS',
    default: '2122-2199',
    description: "Port range of the FTP intake's passive data connections, `first-last`",
  },
  {
    name: 'CIRCULAR10_FILE_PATTERN',
    default: '{station}_{time}.txt [U]',
    description:
      'Circular 10/2021 file name: tokens {park}, {station}, {time} (YYYYMMDDhhmmss, local; required), e.g. `HP_{park}_{station}_{time}.txt`',
  },
  {
    name: 'CIRCULAR10_SEPARATOR',
    default: 'tab [U]',
    description: 'Field separator of Circular 10/2021 files: `tab`, `whitespace` or a literal such as `;`',
  },
  {
    name: 'CIRCULAR10_RELAY_URL',
    default: 'unset: no relay',
    description:
      "The authority's FTP server the relay pushes Circular 10/2021 files to, `ftp://user:pass@host:21/dir`",
  },
  {
    name: 'CIRCULAR10_RELAY_STATIONS',
    default: '(empty: every active outlet station)',
    description: 'Stations relayed, `PARK/STATION,PARK/STATION`',
  },
  {
    name: 'CIRCULAR10_RELAY_INTERVAL_MINUTES',
    default: '5',
    description: 'The relay sends one file per station and interval of this many minutes (clock-aligned)',
  },
  {
    name: 'CIRCULAR10_RELAY_DELAY_SECONDS',
    default: '120',
    description: 'An interval is sent this long after it ends, once its transmissions have arrived',
  },
  {
    name: 'CIRCULAR10_RELAY_BACKFILL_HOURS',
    default: '0',
    description: 'A station relayed for the first time starts this many hours back',
  },
  {
    name: 'WASTE_MASS_TOLERANCE_PERCENT',
    default: '2',
    description: 'Hazardous waste: accepted difference between handed-over and received mass',
  },
  {
    name: 'WASTE_MAX_STORAGE_DAYS',
    default: '365 [U]',
    description: "Hazardous waste: longest storage at the generator's site before handover",
  },
  {
    name: 'WASTE_MANIFEST_CLOSE_DAYS',
    default: '30 [U]',
    description: 'Hazardous waste: days after handover by which treatment must be confirmed',
  },
  {
    name: 'OPEN_DATA_LICENCE',
    default: 'CC-BY-4.0',
    description: 'Licence named in every open-data answer (/api/open/v1)',
  },
  {
    name: 'OPEN_DATA_LICENCE_URL',
    default: 'https://creativecommons.org/licenses/by/4.0/',
    description: 'Where the open-data licence is published',
  },
  {
    name: 'OPEN_DATA_CACHE_SECONDS',
    default: '300',
    description: 'How long an open-data answer is served from memory (0: not cached)',
  },
  {
    name: 'OPEN_DATA_RATE_LIMIT_PER_MINUTE',
    default: '60',
    description: 'Open-data requests per client address and minute; beyond, 429 with Retry-After',
  },
  {
    name: 'ALERT_SMTP_URL',
    default: 'unset: no e-mail',
    description: 'SMTP server for alert e-mail, smtp://user:pass@host:587',
  },
  { name: 'ALERT_MAIL_FROM', default: 'alerts@hp-envmon.local', description: 'Sender of alert e-mail' },
  {
    name: 'ALERT_MAIL_CATCHER',
    default: 'true when embedded and ALERT_SMTP_URL is unset',
    description:
      'Demo only: alert e-mail goes to an in-process mail catcher, listed for admins at /api/dev/mailbox',
  },
  {
    name: 'ALERT_WEBHOOK_SECRET',
    default: 'unset: unsigned',
    description: 'HMAC-SHA256 key of the X-HP-Signature header of alert webhooks',
  },
  {
    name: 'ALERT_ESCALATE_AFTER_MINUTES',
    default: '30',
    description: 'An unacknowledged alert goes to the next recipient level after this',
  },
  {
    name: 'ALERT_REMIND_EVERY_MINUTES',
    default: '60',
    description: 'Reminders while an alert is open and unacknowledged',
  },
  {
    name: 'GRAFANA_URL',
    default: 'unset: none',
    description: 'Grafana to publish dashboards to and post alert annotations on',
  },
  { name: 'GRAFANA_TOKEN', default: 'unset', description: 'Grafana service-account token (Editor role)' },
  {
    name: 'MAP_TILE_URL',
    default: 'unset: no tiles',
    description:
      "The console map's tile URL template, https://host/{z}/{x}/{y}.png; its host joins the console's CSP img-src",
  },
  {
    name: 'MAP_TILE_ATTRIBUTION',
    default: 'unset',
    description: 'Attribution the console map shows for those tiles',
  },
  {
    name: 'AUTH_JWT_SECRET',
    default: 'unset: random per process (embedded only)',
    description:
      'HMAC-SHA256 key of the access tokens (at least 32 characters); required when DATABASE_URL is set',
  },
  {
    name: 'AUTH_JWT_PREVIOUS_SECRETS',
    default: '(empty)',
    description: 'Earlier keys, comma-separated, still accepted for verification while a key rotates',
  },
  { name: 'AUTH_ACCESS_TOKEN_MINUTES', default: '15', description: 'Lifetime of an access token' },
  { name: 'AUTH_REFRESH_TOKEN_DAYS', default: '30', description: 'Lifetime of a refresh token (used once)' },
  {
    name: 'AUTH_MAX_FAILED_LOGINS',
    default: '10',
    description:
      'Failed logins per username and client address pair before each further one doubles the wait (HTTP 429)',
  },
  {
    name: 'AUTH_MAX_FAILED_LOGINS_PER_ADDRESS',
    default: '100',
    description: 'Failed logins from one client address (any usernames) in 15 min before it must wait',
  },
  {
    name: 'AUTH_TRUSTED_PROXIES',
    default: '(empty: none)',
    description: 'Reverse proxies whose X-Forwarded-For names the client address (Express trust proxy)',
  },
  {
    name: 'REDIS_URL',
    default: 'unset: none',
    description: 'Redis of the durable BullMQ queues; QUEUE_DRIVER=bullmq requires it or REDIS_SENTINELS',
  },
  {
    name: 'REDIS_SENTINELS',
    default: 'unset: none',
    description:
      'Redis Sentinel instead of REDIS_URL: sentinels host:port, comma-separated; the queues follow a failover to the promoted replica',
  },
  {
    name: 'REDIS_SENTINEL_NAME',
    default: 'hp-redis',
    description: 'Master name the sentinels monitor (with REDIS_SENTINELS)',
  },
  {
    name: 'REDIS_PASSWORD',
    default: 'unset: none',
    description: 'Password of the Redis servers found through REDIS_SENTINELS (a REDIS_URL carries its own)',
  },
  {
    name: 'REDIS_SENTINEL_PASSWORD',
    default: 'unset: none',
    description: 'Password of the sentinels themselves, if they require one',
  },
  {
    name: 'QUEUE_DRIVER',
    default: 'bullmq when REDIS_URL or REDIS_SENTINELS is set, else in-process',
    description:
      'bullmq or in-process (jobs lost on restart; only the all-in-one platform app: the api and worker apps refuse it)',
  },
  {
    name: 'REDIS_PREFIX',
    default: 'hp',
    description: 'Key prefix of the job queues; platforms sharing one Redis each need their own',
  },
  { name: 'HTTP_HOST', default: '0.0.0.0', description: 'Interface the API listens on' },
  { name: 'HTTP_PORT', default: '3000', description: 'Port of the API' },
  { name: 'LOG_LEVEL', default: 'log', description: 'error, warn, log, debug or verbose' },
  {
    name: 'SEED_ON_BOOT',
    default: 'true when embedded',
    description: 'Load the Hai Phong registry seed at start',
  },
  {
    name: 'SIMULATOR_ENABLED',
    default: 'true when fully embedded',
    description: 'Run the station simulators inside the platform',
  },
  { name: 'SIMULATOR_STATIONS', default: '0 (every seeded station)', description: 'Simulated fleet size' },
  {
    name: 'MQTT_SIMULATOR_USERNAME',
    default: 'unset',
    description:
      "The simulators' own account on an external broker (MQTT_URL); required with an authenticated one, never MQTT_USERNAME's",
  },
  {
    name: 'MQTT_SIMULATOR_PASSWORD',
    default: 'unset',
    description: 'Password of MQTT_SIMULATOR_USERNAME',
  },
  {
    name: 'SIMULATOR_SEED',
    default: '20230',
    description: 'Random seed; the same seed gives the same readings',
  },
  {
    name: 'SIMULATOR_INTERVAL_MS',
    default: '2000',
    description: 'Real milliseconds between simulator ticks',
  },
  {
    name: 'SIMULATOR_SPEED',
    default: '60',
    description: 'Simulated seconds per real second while replaying the backfill',
  },
  {
    name: 'SIMULATOR_BACKFILL_HOURS',
    default: '24',
    description: 'Simulated history replayed at start, then real time',
  },
  {
    name: 'SIMULATOR_HISTORY_DAYS',
    default: '90 when fully embedded, else 0',
    description: 'Days of simulated demo history written to the database before the simulators start',
  },
];
