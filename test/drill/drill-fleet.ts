// The drill's field devices: one analyzer per station publishing QoS 1 telemetry at a steady rate through
// the cluster's MQTT entry point, remembering what each PUBACK acknowledged, so that nothing acknowledged
// can go missing unnoticed.
import { connect, MqttClient } from 'mqtt';

export interface DrillDevice {
  readonly code: string;
  readonly password: string;
  readonly parkCode: string;
  readonly stationCode: string;
}

/** One message: the station's ten readings at one instant. */
export interface SentMessage {
  readonly stationCode: string;
  readonly time: number;
  readonly publishedAt: number;
  ackedAt: number | null;
  /** When it was last handed to the client (first publish or a logger's resend). */
  lastSentAt: number;
  /** How many times it was handed to the client. */
  sends: number;
  readonly payload: string;
}

/**
 * A message not acknowledged this long while its device is connected is published again, as a station's
 * data logger resends what it holds unacknowledged. (mqtt.js resends in-flight messages after a
 * reconnect, but one may still be left waiting when connections are closed again and again.)
 */
const RESEND_AFTER_MS = 20_000;

const PARAMETERS: readonly [string, string, number][] = [
  ['Temp', 'degC', 27.5],
  ['pH', 'pH', 7.1],
  ['TSS', 'mg/L', 18],
  ['COD', 'mg/L', 42],
  ['NH4', 'mg/L', 2.1],
  ['TN', 'mg/L', 12],
  ['TP', 'mg/L', 1.4],
  ['Color', 'Pt-Co', 20],
  ['TOC', 'mg/L', 15],
  ['Flow', 'm3/h', 120],
];
export const READINGS_PER_MESSAGE = PARAMETERS.length;
/** A COD far above QCVN 40 column B (150 mg/L): opens the drill's threshold alert at once. */
const EXCEEDING_COD = 480;

function isoInHaiPhong(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
}

function payload(time: number, exceed: boolean): string {
  const at = isoInHaiPhong(time);
  return JSON.stringify({
    readings: PARAMETERS.map(([parameter, unit, value]) => ({
      parameter,
      unit,
      value: parameter === 'COD' && exceed ? EXCEEDING_COD : value,
      time: at,
      status: '00',
    })),
  });
}

export class DrillFleet {
  readonly sent: SentMessage[] = [];
  private readonly clients = new Map<string, MqttClient>();
  private readonly lastTime = new Map<string, number>();
  private readonly exceeding = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private resender: NodeJS.Timeout | null = null;

  private constructor(
    private readonly url: string,
    private readonly devices: readonly DrillDevice[],
  ) {}

  /** Connects every device (MQTT 3.1.1, persistent session, reconnecting every 250 ms). */
  static async connect(url: string, devices: readonly DrillDevice[]): Promise<DrillFleet> {
    const fleet = new DrillFleet(url, devices);
    await Promise.all(devices.map((d) => fleet.connectDevice(d)));
    return fleet;
  }

  private connectDevice(device: DrillDevice): Promise<void> {
    const client = connect(this.url, {
      clientId: device.code,
      username: device.code,
      password: device.password,
      protocolVersion: 4,
      clean: false,
      reconnectPeriod: 250,
      connectTimeout: 5000,
      // A dead edge behind the balancer is noticed by the keepalive as well as by a reset.
      keepalive: 10,
      // A refused login (server unavailable while the registry's database fails over) is retried too.
      reconnectOnConnackError: true,
    });
    client.on('error', () => undefined);
    this.clients.set(device.code, client);
    return new Promise((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
  }

  /** Every device publishes one message every `intervalMs`, spread over the interval. */
  start(intervalMs: number): void {
    let turn = 0;
    const tickMs = Math.max(5, Math.floor(intervalMs / this.devices.length));
    this.timer = setInterval(() => {
      const device = this.devices[turn++ % this.devices.length]!;
      this.publish(device);
    }, tickMs);
    this.resender = setInterval(() => this.resendOverdue(), 2000);
  }

  private resendOverdue(now = Date.now()): void {
    for (const message of this.sent) {
      if (message.ackedAt !== null || now - message.lastSentAt < RESEND_AFTER_MS) continue;
      const device = this.devices.find((d) => d.stationCode === message.stationCode)!;
      if (!this.clients.get(device.code)!.connected) continue;
      this.send(device, message);
    }
  }

  /** Stops publishing new messages; unacknowledged ones are still resent until close(). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * The station's messages carry a COD exceedance from now until `exceeding(station, false)`: an episode
   * of many samples, as a real one is. (A single late sample older than what a rule has already judged
   * is ignored by the rule's state machine: see the closing note of issue 19.)
   */
  setExceeding(stationCode: string, exceeding: boolean): void {
    if (exceeding) this.exceeding.add(stationCode);
    else this.exceeding.delete(stationCode);
  }

  /** Published messages not acknowledged yet (awaiting a PUBACK, perhaps after a reconnect). */
  get unacknowledged(): number {
    return this.sent.filter((m) => m.ackedAt === null).length;
  }

  /** Which devices hold unacknowledged messages, connected or not, and since when (a drill's diagnosis). */
  describeUnacknowledged(now = Date.now()): string {
    const waiting = this.sent.filter((m) => m.ackedAt === null);
    const byStation = new Map<string, number[]>();
    for (const m of waiting)
      byStation.set(m.stationCode, [...(byStation.get(m.stationCode) ?? []), now - m.publishedAt]);
    return [...byStation]
      .map(([station, ages]) => {
        const device = this.devices.find((d) => d.stationCode === station)!;
        const client = this.clients.get(device.code)!;
        return `${device.code} (${client.connected ? 'connected' : 'disconnected'}): ${ages.length} waiting, oldest ${(Math.max(...ages) / 1000).toFixed(0)} s`;
      })
      .join('; ');
  }

  private publish(device: DrillDevice): void {
    // Distinct, increasing instants per station: each message's readings are new rows.
    const time = Math.max(Date.now(), (this.lastTime.get(device.stationCode) ?? 0) + 1);
    this.lastTime.set(device.stationCode, time);
    const exceed = this.exceeding.has(device.stationCode);
    const message: SentMessage = {
      stationCode: device.stationCode,
      time,
      publishedAt: Date.now(),
      ackedAt: null,
      lastSentAt: Date.now(),
      sends: 0,
      payload: payload(time, exceed),
    };
    this.sent.push(message);
    this.send(device, message);
  }

  private send(device: DrillDevice, message: SentMessage): void {
    message.lastSentAt = Date.now();
    message.sends++;
    this.clients
      .get(device.code)!
      .publishAsync(
        `hp/v1/parks/${device.parkCode}/stations/${device.stationCode}/telemetry`,
        message.payload,
        {
          qos: 1,
        },
      )
      .then(
        () => (message.ackedAt ??= Date.now()),
        () => undefined,
      );
  }

  async close(): Promise<void> {
    await this.stop();
    if (this.resender) clearInterval(this.resender);
    await Promise.all([...this.clients.values()].map((c) => c.endAsync(true).catch(() => undefined)));
  }
}
