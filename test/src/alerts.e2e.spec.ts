import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { adminHeaders } from './support/admin-token';
import { connectAsync, MqttClient } from 'mqtt';
import { loadConfig } from '@hp/config';
import { stationTelemetryTopic } from '@hp/contracts';
import { bootstrapPlatform, PlatformHandle } from '@hp/runtime';
import {
  createTestDatabase,
  startWebhookReceiver,
  TestDatabase,
  waitFor,
  WebhookReceiver,
} from '@hp/testing';

/**
 * Alerting end to end on the real services: a COD exceedance published over Mosquitto becomes an alert,
 * a signed webhook and a live SSE event; acknowledging it through the API and publishing a good value
 * resolves it.
 */
describe('alerts: MQTT exceedance -> alert -> webhook and live stream -> acknowledge -> resolve', () => {
  let database: TestDatabase;
  let platform: PlatformHandle | undefined;
  let webhook: WebhookReceiver;
  let device: MqttClient | undefined;
  let auth: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    webhook = await startWebhookReceiver('e2e-secret');
  });
  /** The live stream's connection: aborted before the platform closes, or the close would wait for it. */
  const controller = new AbortController();
  afterAll(async () => {
    controller.abort();
    await device?.endAsync();
    await platform?.close();
    await webhook?.close();
    await database?.drop();
  });

  async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${platform!.httpUrl}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  it('delivers an exceedance within seconds, exactly once, and its resolution', async () => {
    const run = `${process.pid}-${Date.now().toString(36)}`;
    platform = await bootstrapPlatform(
      loadConfig({
        DATABASE_URL: database.url,
        AUTH_JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
        MQTT_URL: 'mqtt://127.0.0.1:1883',
        MQTT_SHARE_GROUP: `e2e-alerts-${run}`,
        MQTT_CLIENT_ID: `e2e-alerts-${run}`,
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: `e2e-${run}`,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        SEED_ON_BOOT: 'true',
        SIMULATOR_ENABLED: 'false',
        ALERT_WEBHOOK_SECRET: 'e2e-secret',
        LOG_LEVEL: 'warn',
      }),
    );
    const app = platform.app;
    auth = adminHeaders(app);
    const outlet = (await app.get(RegistryReader).stations.listRefs()).find((r) => r.parkCode === 'VSIP-HP')!;
    await app.get(RegistryAdmin).recordDischargePermit({
      stationId: outlet.id,
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      effectiveFrom: '2025-01-01',
    });
    const parks = (await (await fetch(`${platform.httpUrl}/api/parks`, { headers: auth })).json()) as {
      id: number;
      code: string;
    }[];
    const parkId = parks.find((p) => p.code === 'VSIP-HP')!.id;
    await post('/alerts/rules', {
      code: 'e2e-cod',
      kind: 'threshold',
      stationId: outlet.id,
      parameter: 'COD',
      severity: 'critical',
      settings: { forSeconds: 0, clearForSeconds: 0 },
    });
    await post('/alerts/recipients', {
      name: 'VSIP officer',
      role: 'officer',
      parkId,
      webhookUrl: webhook.url,
    });
    const invalid = await fetch(`${platform.httpUrl}/api/alerts/rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ code: 'bad', kind: 'sometimes', settings: { forSecs: 1 } }),
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { message: string }).message).toBe(
      'kind must be one of threshold, window_mean, rate_of_change, no_data, device_offline, status_stuck, waste_violation, daily_exceedance, data_quality; settings.forSecs is not a rule setting (forSeconds, clearForSeconds, clearRatio, clearMargin, windowMinutes, maxChangePerMinute, minutes, max, min)',
    );

    // The live stream, read as a browser would.
    const stream = await fetch(`${platform.httpUrl}/api/alerts/stream`, {
      signal: controller.signal,
      headers: auth,
    });
    const reader = stream.body!.getReader();
    let streamed = '';
    const streaming = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        streamed += Buffer.from(value).toString('utf8');
      }
    })().catch(() => undefined);

    device = await connectAsync('mqtt://127.0.0.1:1883', {
      clientId: `e2e-alerts-dev-${run}`,
      reconnectPeriod: 0,
    });
    const publish = (value: number) =>
      device!.publishAsync(
        stationTelemetryTopic(outlet.parkCode, outlet.code),
        JSON.stringify({
          readings: [
            {
              parameter: 'COD',
              value,
              unit: 'mg/L',
              time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
              status: '00',
            },
          ],
        }),
        { qos: 1 },
      );
    const mine = () =>
      webhook.received.filter((r) => (r.body['alert'] as { kind: string }).kind === 'threshold');
    const sentAt = Date.now();
    await publish(320);
    await waitFor(async () => (mine().length === 1 ? true : null), {
      timeoutMs: 10_000,
      description: 'the opened webhook',
    });
    const opened = mine()[0];
    expect(opened).toMatchObject({
      signed: true,
      body: { event: 'opened', alert: { severity: 'critical', stationId: outlet.id } },
    });
    expect(opened.at - sentAt).toBeLessThan(10_000);
    const alertId = (opened.body['alert'] as { id: number }).id;
    await waitFor(async () => (streamed.includes(`"id":${alertId},`) ? true : null), {
      timeoutMs: 5_000,
      description: 'the alert on the live stream',
    });

    await publish(330); // still firing: no second alert, no second notification
    const acked = await post(`/alerts/${alertId}/acknowledge`, { by: 'officer-1' });
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'e2e' }); // the signed-in user, not the body
    // Why, as a code with parameters, and worded in Vietnamese for clients that read `message`.
    expect(acked).toMatchObject({
      reason: {
        code: 'ALERT_THRESHOLD',
        params: { parameter: 'COD', bound: 'max', limit: 150, unit: 'mg/L' },
      },
      message: expect.stringMatching(
        /: COD \d+(,\d+)? mg\/L vượt giới hạn 150 mg\/L lúc \d\d:\d\d \d\d\/\d\d\/\d{4} /,
      ),
    });
    expect(opened.body['alert']).toMatchObject({
      reason: { code: 'ALERT_THRESHOLD' },
      message: acked['message'],
      messages: { en: expect.stringMatching(/: COD \d+(\.\d+)? mg\/L above the limit 150 mg\/L at /) },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await publish(40);
    await waitFor(async () => (mine().length === 2 ? true : null), {
      timeoutMs: 10_000,
      description: 'the resolved webhook',
    });
    expect(mine().map((r) => r.body['event'])).toEqual(['opened', 'resolved']);
    // The receiver has the webhook a moment before the platform records the delivery.
    const alert = await waitFor(
      async () => {
        const body = (await (
          await fetch(`${platform!.httpUrl}/api/alerts/${alertId}`, { headers: auth })
        ).json()) as {
          status: string;
          notifications: { deliveredAt: string | null }[];
        };
        return body.notifications.every((n) => n.deliveredAt !== null) ? body : null;
      },
      { timeoutMs: 10_000, description: 'every notification of the alert recorded as delivered' },
    );
    expect(alert.status).toBe('resolved');
    expect(alert.notifications).toHaveLength(2);
    controller.abort();
    await streaming;
  });
});
