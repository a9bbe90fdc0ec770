import { connectAsync, MqttClient } from 'mqtt';
import { wasteEventsTopic } from '@hp/contracts';
import { mulberry32, shuffle } from '../random';
import { ScenarioEvent, WasteScenario } from './waste-scenario';

export interface PublishWasteOptions {
  readonly url: string;
  /**
   * One account for every gateway (the built-in simulator's); by default each gateway logs in as itself,
   * username = gateway code, as on a production broker (see devices-add).
   */
  readonly username?: string;
  /** Password of that account, or of every gateway account. */
  readonly password?: string;
  readonly protocolVersion?: 4 | 5;
  readonly seed: number;
  readonly eventsPerMessage?: number;
  /** Share of messages sent twice, as a gateway re-sending after a lost acknowledgement does. */
  readonly duplicateShare?: number;
}

export interface PublishWasteResult {
  readonly messages: number;
  readonly events: number;
  readonly resent: number;
}

/**
 * Publishes a scenario the way a park's gateways would: each gateway on its own MQTT account (username =
 * gateway code), events shuffled across lots and gateways (late and out-of-order), grouped into messages,
 * some messages sent twice. QoS 1; resolves when the broker has acknowledged every message.
 */
export async function publishWasteScenario(
  scenario: WasteScenario,
  options: PublishWasteOptions,
): Promise<PublishWasteResult> {
  const next = mulberry32(options.seed);
  const perMessage = options.eventsPerMessage ?? 20;
  const shuffled = shuffle(
    scenario.lots.flatMap((l) => l.events),
    next,
  );
  const byGateway = new Map<string, ScenarioEvent[]>();
  for (const e of shuffled) byGateway.set(e.gateway, [...(byGateway.get(e.gateway) ?? []), e]);
  const messages: { gateway: string; payload: string }[] = [];
  for (const [gateway, events] of byGateway) {
    for (let i = 0; i < events.length; i += perMessage) {
      const payload = JSON.stringify({ events: events.slice(i, i + perMessage).map((e) => e.event) });
      messages.push({ gateway, payload });
    }
  }
  const resent = messages.filter(() => next() < (options.duplicateShare ?? 0.1));
  const outbox = shuffle([...messages, ...resent], next);
  const clients = new Map<string, MqttClient>();
  try {
    for (const gateway of byGateway.keys()) {
      clients.set(
        gateway,
        await connectAsync(options.url, {
          clientId: wasteClientId(gateway, options),
          username: options.username ?? gateway,
          password: options.password,
          protocolVersion: options.protocolVersion ?? 5,
          reconnectPeriod: 0,
        }),
      );
    }
    for (const m of outbox)
      await clients.get(m.gateway)!.publishAsync(wasteEventsTopic(m.gateway), m.payload, { qos: 1 });
  } finally {
    await Promise.all([...clients.values()].map((c) => c.endAsync()));
  }
  return { messages: outbox.length, events: shuffled.length, resent: resent.length };
}

/**
 * A gateway logging in with its own password must use its code as client id (brokers bind it); a service
 * account (the simulator's) names its clients after itself; on an anonymous broker (tests) the pid keeps
 * concurrent runs apart.
 */
function wasteClientId(gateway: string, options: { username?: string; password?: string }): string {
  if (options.username) return `${options.username}-${gateway}-${process.pid}`;
  return options.password ? gateway : `${gateway}-${process.pid}`;
}
