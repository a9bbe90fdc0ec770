import { ConfigError } from './config-error';
import { CONFIG_VARIABLES } from './config-variables';
import { assertQueueForProcess, loadConfig, readVariableNames } from './platform-config';

describe('loadConfig', () => {
  it('boots on embedded defaults with nothing configured', () => {
    const config = loadConfig({});
    expect(config.storage.databaseUrl).toBeUndefined();
    expect(config.mqtt.url).toBeUndefined();
    expect(config.mqtt.protocolVersion).toBe(4);
    expect(config.http.port).toBe(3000);
    expect(config.seed.onBoot).toBe(true);
    expect(config.simulator.enabled).toBe(true);
  });

  it("keeps the demo's history and mail catcher to embedded defaults", () => {
    const demo = loadConfig({});
    expect([demo.simulator.historyDays, demo.demo.mailCatcher]).toEqual([90, true]);
    const configured = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hp',
      ALERT_MAIL_CATCHER: 'true',
      SIMULATOR_ENABLED: 'true',
    });
    expect([configured.simulator.historyDays, configured.demo.mailCatcher]).toEqual([0, false]);
    // A real SMTP server configured: the e-mail goes there, never to a catcher.
    expect(
      loadConfig({ ALERT_SMTP_URL: 'smtp://mail:25', ALERT_MAIL_CATCHER: 'true' }).demo.mailCatcher,
    ).toBe(false);
    expect(loadConfig({ SIMULATOR_HISTORY_DAYS: '0' }).simulator.historyDays).toBe(0);
  });

  it('switches each part to the real service by its URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hp',
      MQTT_URL: 'mqtt://127.0.0.1:1883',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config.storage.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/hp');
    expect(config.mqtt.protocolVersion).toBe(5);
    expect(config.redis.endpoint).toEqual({ kind: 'url', url: 'redis://127.0.0.1:6379' });
    expect(config.seed.onBoot).toBe(false);
    expect(config.simulator.enabled).toBe(false);
  });

  it('names every wrong variable and the accepted form, hiding passwords', () => {
    let error: unknown;
    try {
      loadConfig({
        HTTP_PORT: 'eighty',
        DATABASE_URL: 'mysql://u:secret@h/db',
        LOG_LEVEL: 'loud',
        MIGRATE_ON_BOOT: 'maybe',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('HTTP_PORT="eighty": expected an integer from 0 to 65535');
    expect(message).toContain('DATABASE_URL: expected a URL with scheme postgres: or postgresql:');
    expect(message).toContain('LOG_LEVEL="loud": expected one of error, warn, log, debug, verbose');
    expect(message).toContain('MIGRATE_ON_BOOT="maybe": expected true or false');
    expect(message).not.toContain('secret');
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it("never runs the simulators on the consumer's account of an authenticated external broker", () => {
    const external = {
      MQTT_URL: 'mqtt://127.0.0.1:1883',
      MQTT_USERNAME: 'hp-platform',
      MQTT_PASSWORD: 'platform-password',
      SIMULATOR_ENABLED: 'true',
    };
    expect(() => loadConfig(external)).toThrow(/MQTT_SIMULATOR_USERNAME: required/);
    const config = loadConfig({
      ...external,
      MQTT_SIMULATOR_USERNAME: 'hp-simulator',
      MQTT_SIMULATOR_PASSWORD: 'simulator-password',
    });
    expect(config.simulator).toMatchObject({ enabled: true, mqttUsername: 'hp-simulator' });
    // An anonymous broker (no MQTT_USERNAME): the simulators connect under client ids of their own.
    expect(
      loadConfig({ MQTT_URL: 'mqtt://127.0.0.1:1883', SIMULATOR_ENABLED: 'true' }).simulator.enabled,
    ).toBe(true);
  });

  it('rejects a URL that does not parse without echoing its password', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://user:pw@' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ MQTT_URL: 'not a url' })).toThrow(
      /MQTT_URL: expected a URL like mqtt:\/\/host:port/,
    );
  });
});

describe('QUEUE_DRIVER', () => {
  it('is in-process on embedded defaults and BullMQ when REDIS_URL is set', () => {
    expect(loadConfig({}).queue.driver).toBe('in-process');
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).queue.driver).toBe('bullmq');
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_DRIVER: 'bullmq' }).queue.driver).toBe(
      'bullmq',
    );
  });

  it('refuses a driver that contradicts REDIS_URL, or an unknown one', () => {
    expect(() => loadConfig({ QUEUE_DRIVER: 'bullmq' })).toThrow(
      'QUEUE_DRIVER=bullmq: REDIS_URL (or REDIS_SENTINELS) is required',
    );
    expect(() => loadConfig({ QUEUE_DRIVER: 'in-process', REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /QUEUE_DRIVER=in-process: REDIS_URL is set/,
    );
    expect(() => loadConfig({ QUEUE_DRIVER: 'memory' })).toThrow(
      'QUEUE_DRIVER="memory": expected one of bullmq, in-process',
    );
  });

  it('is BullMQ on Redis Sentinel when REDIS_SENTINELS is set, and refuses in-process beside it', () => {
    const config = loadConfig({
      REDIS_SENTINELS: 'sentinel-1:26379, 10.0.0.2:26380',
      REDIS_PASSWORD: 'pw',
    });
    expect(config.queue.driver).toBe('bullmq');
    expect(config.redis.endpoint).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 'sentinel-1', port: 26379 },
        { host: '10.0.0.2', port: 26380 },
      ],
      name: 'hp-redis',
      password: 'pw',
      sentinelPassword: undefined,
    });
    expect(() => loadConfig({ REDIS_SENTINELS: 's:26379', QUEUE_DRIVER: 'in-process' })).toThrow(
      /QUEUE_DRIVER=in-process: REDIS_SENTINELS is set/,
    );
    expect(() => assertQueueForProcess(config, 'api')).not.toThrow();
  });

  it('refuses sentinels beside REDIS_URL, a malformed sentinel list, and a server password without sentinels', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_SENTINELS: 's:26379' })).toThrow(
      /REDIS_URL and REDIS_SENTINELS: set one/,
    );
    expect(() => loadConfig({ REDIS_SENTINELS: 's:26379,nohost' })).toThrow(
      /REDIS_SENTINELS="s:26379,nohost": expected a comma-separated list of sentinel host:port/,
    );
    expect(() => loadConfig({ REDIS_SENTINELS: 's:70000' })).toThrow(
      /REDIS_SENTINELS: ports are from 1 to 65535/,
    );
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PASSWORD: 'pw' })).toThrow(
      /REDIS_PASSWORD, REDIS_SENTINEL_PASSWORD: only with REDIS_SENTINELS/,
    );
  });

  it('refuses a split deployment (api or worker app) without Redis, and lets the all-in-one app run in-process', () => {
    const external = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hp' });
    for (const app of ['api', 'worker'] as const) {
      expect(() => assertQueueForProcess(external, app)).toThrow(ConfigError);
      expect(() => assertQueueForProcess(external, app)).toThrow(
        `QUEUE_DRIVER=in-process: the ${app} app runs as a separate process and shares its jobs through Redis; set REDIS_URL`,
      );
    }
    expect(() => assertQueueForProcess(external, 'platform')).not.toThrow();
    expect(() => assertQueueForProcess(external, 'ingestion')).not.toThrow();
    const split = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(() => assertQueueForProcess(split, 'api')).not.toThrow();
    expect(() => assertQueueForProcess(split, 'worker')).not.toThrow();
  });
});

describe('CONFIG_VARIABLES', () => {
  it('documents exactly the variables the code reads', () => {
    expect(CONFIG_VARIABLES.map((v) => v.name).sort()).toEqual(readVariableNames());
  });
});
