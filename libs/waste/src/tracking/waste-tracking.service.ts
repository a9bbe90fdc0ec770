import { Inject, Injectable, Logger } from '@nestjs/common';
import { parseTopic, parseWasteEventsPayload, Reason, WasteEventV1 } from '@hp/contracts';
import { DATABASE, Database, SqlSession } from '@hp/storage';
import { RegistryReader } from '@hp/registry';
import { Quarantine, QuarantineProblem } from '@hp/ingestion';
import { NewWasteEvent } from '../storage/waste.types';
import { WasteEventsRepository } from '../storage/waste-events.repository';
import { WasteLotsRepository } from '../storage/waste-lots.repository';
import { WastePartiesRepository } from '../storage/waste-parties.repository';
import { foldLot } from '../lifecycle/lot-fold';

/** Event times further ahead of the platform clock than this are refused (the telemetry allowance). */
export const WASTE_EVENT_FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface WasteMessageMeta {
  readonly clientId: string | null;
  readonly receivedAt: Date;
}

/** What became of one gateway message; it is committed when the promise resolves. */
export interface WasteIngestReceipt {
  readonly stored: number;
  readonly duplicates: number;
  readonly problems: readonly QuarantineProblem[];
  /** Lots whose chain was recomputed. */
  readonly lots: readonly string[];
  readonly committed: Promise<void>;
}

/**
 * Takes hazardous-waste gateway messages (hp/v1/waste/{gateway}/events): stores each new event once, and
 * recomputes the lots they belong to from all their events, in one transaction. Never throws for bad
 * input: a message from an unknown gateway, a bad envelope or a bad event is quarantined with its reason,
 * and the good events of the same message are kept.
 */
@Injectable()
export class WasteTrackingService {
  private readonly log = new Logger(WasteTrackingService.name);

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly registry: RegistryReader,
  ) {}

  async ingest(topic: string, payload: Buffer, meta: WasteMessageMeta): Promise<WasteIngestReceipt> {
    const { events, problems } = await this.evaluate(topic, payload, meta.receivedAt.getTime());
    const result = await this.db.transaction(async (tx) => {
      const inserted = await new WasteEventsRepository(tx).insertNew(events);
      const lots = [...new Set(inserted)].sort(); // one lock order for every transaction
      for (const lot of lots) await refoldLot(tx, lot);
      if (problems.length > 0) {
        await new Quarantine(tx).record([
          { topic, clientId: meta.clientId, problems, payload, receivedAt: meta.receivedAt },
        ]);
      }
      return { stored: inserted.length, lots };
    });
    if (problems.length > 0) {
      this.log.warn(
        `${topic}: kept ${events.length}, quarantined: ${problems.map((p) => p.reason.code).join(', ')}`,
      );
    }
    return {
      stored: result.stored,
      duplicates: events.length - result.stored,
      problems,
      lots: result.lots,
      committed: Promise.resolve(),
    };
  }

  private async evaluate(
    topic: string,
    payload: Buffer,
    nowMs: number,
  ): Promise<{ events: NewWasteEvent[]; problems: QuarantineProblem[] }> {
    const address = parseTopic(topic);
    if (address?.kind !== 'waste-events')
      return refuse({ code: 'TOPIC_UNEXPECTED', params: { topic, expected: 'waste' } });
    const gateway = await this.registry.devices.findRefByCode(address.gatewayCode);
    if (!gateway || gateway.kind !== 'scale')
      return refuse({ code: 'WASTE_GATEWAY_NOT_REGISTERED', params: { gateway: address.gatewayCode } });
    const parsed = parseWasteEventsPayload(payload);
    if (!parsed.ok) return refuse(parsed.reason);
    const problems: QuarantineProblem[] = parsed.rejected.map((r) => ({
      index: r.index,
      source: null,
      reason: r.reason,
    }));
    const refused = new Set(parsed.rejected.map((r) => r.index));
    const events: NewWasteEvent[] = [];
    let index = 0;
    for (const event of parsed.events) {
      while (refused.has(index)) index++;
      const occurredAt = new Date(event.time);
      if (occurredAt.getTime() > nowMs + WASTE_EVENT_FUTURE_TOLERANCE_MS) {
        problems.push({
          index,
          source: `events[${index}]`,
          reason: {
            code: 'WASTE_EVENT_TIME_IN_FUTURE',
            params: { time: event.time, toleranceMinutes: WASTE_EVENT_FUTURE_TOLERANCE_MS / 60_000 },
          },
        });
      } else {
        events.push(toStored(event, occurredAt, address.gatewayCode));
      }
      index++;
    }
    return { events, problems };
  }
}

/**
 * Folds every lot again from its stored events: after an upgrade that changes what the fold finds, or to
 * repair the lots table (`waste-refold`). Events are the record; lots are derived from them.
 */
export async function refoldAllLots(db: Database): Promise<number> {
  const codes = await new WasteEventsRepository(db).lotCodes();
  for (const code of codes) await db.transaction((tx) => refoldLot(tx, code));
  return codes.length;
}

/** Folds one lot from all its stored events and saves the result; the caller holds the transaction. */
export async function refoldLot(tx: SqlSession, lotCode: string): Promise<void> {
  const lots = new WasteLotsRepository(tx);
  await lots.lockForRefold(lotCode);
  const events = await new WasteEventsRepository(tx).listForLot(lotCode);
  const generators = events.filter((e) => e.type === 'lot.generated').map((e) => String(e.body['generator']));
  const parties = await new WastePartiesRepository(tx).findWithLicences([...new Set(generators)]);
  const parkOf = new Map(
    parties.filter((p) => p.party.kind === 'generator').map((p) => [p.party.code, p.party.parkId]),
  );
  await lots.upsert(foldLot(lotCode, events, (code) => parkOf.get(code) ?? null));
}

function toStored(event: WasteEventV1, occurredAt: Date, gatewayCode: string): NewWasteEvent {
  return {
    eventId: event.id,
    lotCode: event.lot,
    type: event.type,
    occurredAt,
    gatewayCode,
    body: event as unknown as Record<string, unknown>,
  };
}

function refuse(reason: Reason): { events: NewWasteEvent[]; problems: QuarantineProblem[] } {
  return { events: [], problems: [{ index: null, source: null, reason }] };
}
