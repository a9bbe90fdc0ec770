import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { parseTopic } from '@hp/contracts';
import { DeviceActivity, DeviceMessageKind, RegistryAdmin } from '@hp/registry';

/** How often the last messages seen are written to the devices (one statement per flush). */
export const DEVICE_ACTIVITY_FLUSH_MS = 5_000;

const SPARKPLUG_PREFIX = 'spBv1.0/';

/**
 * Which device a message names, and its kind, from its topic alone: a device's status, a gateway's
 * telemetry or notice, a scale's waste events, a Sparkplug B edge node (`spBv1.0/{park}/{type}/{node}[/...]`), or a station's
 * telemetry (the station's analyzers). Null for anything else.
 */
export function deviceActivityOf(topic: string, at: Date): DeviceActivity | null {
  if (topic.startsWith(SPARKPLUG_PREFIX)) {
    const node = topic.split('/')[3];
    return node ? { deviceCode: node, at, kind: 'sparkplug' } : null;
  }
  const address = parseTopic(topic);
  if (!address) return null;
  const of = (deviceCode: string, kind: DeviceMessageKind): DeviceActivity => ({ deviceCode, at, kind });
  switch (address.kind) {
    case 'device-status':
      return of(address.deviceCode, 'status');
    case 'gateway-telemetry':
    case 'gateway-notice':
      return of(address.gatewayCode, 'gateway');
    case 'waste-events':
      return of(address.gatewayCode, 'waste');
    case 'station-telemetry':
      return {
        station: { parkCode: address.parkCode, stationCode: address.stationCode },
        at,
        kind: 'telemetry',
      };
  }
}

/** Distinct topics held between two flushes at most (they are ACL-bound: devices and stations). */
const MAX_PENDING_TOPICS = 100_000;

/**
 * The last message seen per device, kept in memory and written every few seconds in one statement, so the
 * per-message path only sets a map entry by topic (no parse, no write); the topics are read at the flush.
 * A failed write keeps what it held for the next flush unless newer messages replaced it.
 */
@Injectable()
export class DeviceActivityRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger(DeviceActivityRecorder.name);
  private pending = new Map<string, Date>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly registry: RegistryAdmin) {
    this.timer = setInterval(() => void this.flush(), DEVICE_ACTIVITY_FLUSH_MS);
    this.timer.unref();
  }

  /** Notes a message received on the topic (the per-message path: one map entry). */
  note(topic: string, receivedAt: Date): void {
    if (this.pending.size < MAX_PENDING_TOPICS || this.pending.has(topic))
      this.pending.set(topic, receivedAt);
  }

  /** Writes what was noted since the last flush (also on shutdown and in tests). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      const activity = [...batch].flatMap(([topic, at]) => deviceActivityOf(topic, at) ?? []);
      try {
        await this.registry.recordDeviceActivity(activity);
      } catch (error) {
        for (const [topic, at] of batch) if (!this.pending.has(topic)) this.pending.set(topic, at);
        this.logger.warn(`device activity not recorded, retrying: ${(error as Error).message}`);
      }
    });
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
