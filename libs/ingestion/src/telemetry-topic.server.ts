import { Logger } from '@nestjs/common';
import { MqttContext, ServerMqtt } from '@nestjs/microservices';
import { Packet } from 'mqtt';
import { isObservable, lastValueFrom } from 'rxjs';

/** Topics whose handler is remembered (stations and gateways); the cache starts over beyond this. */
const MAX_CACHED_TOPICS = 100_000;

/** A handler result that says when the message is durable; anything else counts as durable at once. */
export interface CommitReceipt {
  readonly committed: Promise<void>;
}

/**
 * What the telemetry transports share: Nest's MQTT transport's handler registry and topic-filter
 * matching (`@EventPattern('hp/v1/+/...')`), and a dispatch that says when a message is committed, so
 * the transport acknowledges it to the broker (MQTT PUBACK, JetStream ack) only then.
 */
export abstract class TelemetryTopicServer extends ServerMqtt {
  protected readonly log: Logger;
  private readonly handlers = new Map<string, ReturnType<ServerMqtt['getHandlerByPattern']>>();

  constructor(url: string, name: string) {
    super({ url });
    this.log = new Logger(name);
  }

  /** Runs the Nest handler of the topic; resolves (after admission) with the promise of its commit. */
  protected async dispatch(topic: string, payload: Buffer, packet: Packet): Promise<CommitReceipt> {
    const handler = this.handlerFor(topic);
    if (!handler) return { committed: Promise.resolve() };
    let result: unknown = await handler(
      payload,
      new MqttContext([topic, packet as unknown as Record<string, unknown>]),
    );
    if (isObservable(result)) result = await lastValueFrom(result, { defaultValue: undefined });
    const receipt = result as Partial<CommitReceipt> | undefined;
    return { committed: receipt?.committed ?? Promise.resolve() };
  }

  /**
   * Nest's lookup tries JSON.parse on every topic (an exception per message) before matching the
   * patterns; topics are few (one per station), so the answer is cached.
   */
  private handlerFor(topic: string): ReturnType<ServerMqtt['getHandlerByPattern']> {
    let handler = this.handlers.get(topic);
    if (handler === undefined) {
      if (this.handlers.size >= MAX_CACHED_TOPICS) this.handlers.clear();
      handler = this.getHandlerByPattern(topic);
      this.handlers.set(topic, handler);
    }
    return handler;
  }

  protected logFailure(topic: string, error: unknown): void {
    this.log.error(`${topic}: handler failed: ${(error as Error)?.message ?? String(error)}`);
  }
}
