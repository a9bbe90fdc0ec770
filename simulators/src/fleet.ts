import { connect, IClientOptions, MqttClient } from 'mqtt';
import { MAX_READINGS_PER_MESSAGE, stationTelemetryTopic, TelemetryReadingV1 } from '@hp/contracts';
import { redact } from '@hp/config';
import { FaultConfigOverrides } from './fault-config';
import { StationModel } from './station-model';

/** A station of the fleet; without its own seed it uses the fleet seed (mixed with its code by the model). */
export interface FleetStationSpec {
  readonly parkCode: string;
  readonly stationCode: string;
  readonly designCapacityM3PerDay?: number | null;
  readonly seed?: number;
  /** This station's faults, instead of the fleet's (the demo's profiles). */
  readonly faults?: FaultConfigOverrides;
}

/** The subset of a NestJS Logger (or console) the runner writes to. */
export interface FleetLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface FleetOptions {
  readonly mqttUrl: string;
  readonly stations: readonly FleetStationSpec[];
  /** Real milliseconds between steps. */
  readonly intervalMs: number;
  /** Simulated time per real time: each step advances the simulated clock by intervalMs * speed. */
  readonly speed: number;
  readonly seed: number;
  /** Simulated time of the first sample; default now. */
  readonly startTime?: Date | number | string;
  /**
   * Never let the simulated clock pass the wall clock: a fleet started in the past replays the backlog
   * at `speed`, then continues in real time (the platform's demo mode). Off by default, which keeps
   * the clock a pure function of the step count.
   */
  readonly capAtWallClock?: boolean;
  readonly username?: string;
  readonly password?: string;
  /** 4 = MQTT 3.1.1 (default), 5 = MQTT 5. */
  readonly protocolVersion?: 4 | 5;
  readonly clientId?: string;
  readonly faults?: FaultConfigOverrides;
  readonly tickMinutes?: number;
  /** Messages not yet acknowledged beyond which new ones are dropped (a long broker outage). Default 10,000. */
  readonly maxPending?: number;
  readonly logger?: FleetLogger;
  /**
   * Called with every message handed to the MQTT client (before its PUBACK): a ledger of what the
   * fleet published, for drills that compare it with what the platform stored.
   */
  readonly onSent?: (topic: string, readings: readonly TelemetryReadingV1[]) => void;
}

export interface FleetHandle {
  /**
   * Stops stepping, lets in-flight messages finish (up to `graceMs`, default a few seconds) and closes
   * the connection; messages still unacknowledged then are given up.
   */
  stop(graceMs?: number): Promise<void>;
  /** Messages the broker has acknowledged (PUBACK). */
  published(): number;
  /** Messages sent and not yet acknowledged (they are sent again after a reconnect). */
  pending(): number;
}

/** How long stop() waits for in-flight messages to be acknowledged. */
const STOP_GRACE_MS = 3000;
let clientCounter = 0;

/**
 * Runs a fleet of simulated stations against an MQTT broker. Every `intervalMs` the simulated clock
 * advances by `intervalMs * speed` and each station publishes one message (QoS 1) with the readings
 * sampled in that step; steps without a sample publish nothing. The simulated clock advances by step
 * count, not wall time, so the readings are the same whatever the machine's timing. mqtt.js reconnects
 * after a broker drop and QoS 1 messages queued meanwhile are sent on reconnect.
 */
export function startFleet(options: FleetOptions): FleetHandle {
  const logger = options.logger ?? console;
  validate(options);
  const stepMs = options.intervalMs * options.speed;
  const stations = options.stations.map((station) => ({
    topic: stationTelemetryTopic(station.parkCode, station.stationCode),
    model: new StationModel(
      {
        parkCode: station.parkCode,
        stationCode: station.stationCode,
        designCapacityM3PerDay: station.designCapacityM3PerDay ?? null,
        seed: station.seed ?? options.seed,
      },
      { faults: station.faults ?? options.faults, tickMinutes: options.tickMinutes },
    ),
  }));
  const start = options.startTime === undefined ? Date.now() : new Date(options.startTime).getTime();
  if (Number.isNaN(start)) throw new RangeError(`startTime ${String(options.startTime)} is not a date`);

  const clientOptions: IClientOptions = {
    protocolVersion: options.protocolVersion ?? 4,
    clientId: options.clientId ?? `hp-simulator-${process.pid}-${Date.now().toString(36)}-${++clientCounter}`,
    username: options.username,
    password: options.password,
    clean: true,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
  };
  const client: MqttClient = connect(options.mqttUrl, clientOptions);
  const where = redact(options.mqttUrl);
  let lastProblem: string | null = null;
  client.on('connect', () => {
    lastProblem = null;
    logger.log(
      `simulator connected to ${where}: ${stations.length} station(s), ${stepMs / 1000} simulated s per step`,
    );
  });
  client.on('error', (error) => {
    // mqtt.js keeps reconnecting; say each distinct problem once instead of once a second.
    if (error.message !== lastProblem) logger.warn(`simulator MQTT ${where}: ${error.message}`);
    lastProblem = error.message;
  });
  client.on('offline', () => {
    if (lastProblem === null) logger.warn(`simulator lost ${where}; reconnecting`);
    lastProblem ??= 'offline';
  });

  let acknowledged = 0;
  let pending = 0;
  let dropped = 0;
  let stopping = false;
  let onDrained: (() => void) | null = null;
  const maxPending = options.maxPending ?? 10_000;

  const publish = (topic: string, readings: readonly TelemetryReadingV1[]) => {
    if (pending >= maxPending) {
      if (dropped++ === 0)
        logger.warn(
          `simulator has ${pending} unacknowledged messages; dropping new ones until the broker catches up`,
        );
      return;
    }
    pending++;
    options.onSent?.(topic, readings);
    client.publish(topic, JSON.stringify({ readings }), { qos: 1 }, (error) => {
      pending--;
      if (!error) acknowledged++;
      else if (!stopping) logger.warn(`simulator publish to ${topic} failed: ${error.message}`);
      if (pending === 0) onDrained?.();
      if (pending === 0 && dropped > 0) {
        logger.log(`simulator caught up; ${dropped} message(s) were dropped`);
        dropped = 0;
      }
    });
  };

  let simulatedNow = start;
  const tick = () => {
    const from = simulatedNow;
    const to = options.capAtWallClock ? Math.min(from + stepMs, Math.max(from, Date.now())) : from + stepMs;
    simulatedNow = to;
    for (const station of stations) {
      const readings = station.model.readingsBetween(from, to);
      for (let i = 0; i < readings.length; i += MAX_READINGS_PER_MESSAGE) {
        publish(station.topic, readings.slice(i, i + MAX_READINGS_PER_MESSAGE));
      }
    }
  };
  const timer = setInterval(() => {
    try {
      tick();
    } catch (error) {
      logger.error(`simulator step failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, options.intervalMs);

  /** Waits until every message is acknowledged, at most `graceMs`, and not at all while offline. */
  const drain = (graceMs: number) =>
    new Promise<void>((resolve) => {
      if (pending === 0 || !client.connected) return resolve();
      const timer = setTimeout(resolve, graceMs);
      onDrained = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  let stopped: Promise<void> | null = null;
  return {
    published: () => acknowledged,
    pending: () => pending,
    stop: (graceMs = STOP_GRACE_MS) => {
      stopped ??= (async () => {
        stopping = true;
        clearInterval(timer);
        await drain(graceMs);
        try {
          // Graceful (DISCONNECT) when nothing is in flight; otherwise close without waiting for the broker.
          await client.endAsync(pending > 0);
        } catch (error) {
          logger.warn(`simulator MQTT close: ${error instanceof Error ? error.message : String(error)}`);
        }
      })();
      return stopped;
    },
  };
}

function validate(options: FleetOptions): void {
  const problems: string[] = [];
  if (!(Number.isFinite(options.intervalMs) && options.intervalMs >= 1))
    problems.push(`intervalMs must be >= 1, got ${options.intervalMs}`);
  if (!(Number.isFinite(options.speed) && options.speed > 0))
    problems.push(`speed must be > 0, got ${options.speed}`);
  if (!Number.isSafeInteger(options.seed)) problems.push(`seed must be an integer, got ${options.seed}`);
  if (options.stations.length === 0) problems.push('stations is empty');
  const topics = new Set<string>();
  for (const s of options.stations) {
    const key = `${s.parkCode}/${s.stationCode}`;
    if (topics.has(key)) problems.push(`station ${s.parkCode}:${s.stationCode} is listed twice`);
    topics.add(key);
  }
  if (problems.length > 0) throw new RangeError(`Invalid fleet options: ${problems.join('; ')}`);
}
