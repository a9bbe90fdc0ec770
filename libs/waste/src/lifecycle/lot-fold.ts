import type {
  HandedOverEvent,
  LotGeneratedEvent,
  ReceivedEvent,
  StorageCheckedEvent,
  TreatedEvent,
  WasteEventType,
} from '@hp/contracts';
import type { NewWasteEvent, WasteFinding, WasteLotRecord, WasteLotState } from '../storage/waste.types';

/** The steps of a chain, in order; storage checks sit beside them and never change the state. */
const STEPS = ['lot.generated', 'lot.handed-over', 'lot.received', 'lot.treated'] as const;
type Step = (typeof STEPS)[number];
type MachineState = 'new' | WasteLotState;

/**
 * The lot state machine: from each state, the one step event that moves the lot on. A lot starts `new`;
 * a manifest opens at `handed_over` and closes at `treated`, the final state.
 */
export const LOT_TRANSITIONS: Readonly<Record<MachineState, Readonly<Partial<Record<Step, WasteLotState>>>>> =
  {
    new: { 'lot.generated': 'stored' },
    stored: { 'lot.handed-over': 'handed_over' },
    handed_over: { 'lot.received': 'received' },
    received: { 'lot.treated': 'treated' },
    treated: {},
  };

/**
 * Folds every event of one lot into the facts of its chain. Pure, and a function of the *set* of events:
 * events are de-duplicated by id and ordered by (time, id) per step, so arrival order, late events and
 * replays change nothing. The events run through LOT_TRANSITIONS in step order, so every set of events
 * ends in one of the four states: the furthest step reached.
 *
 * Findings here are what the events alone show: a missing earlier step, steps out of time order, two
 * different events for one step, a receipt at another facility or under another manifest than the
 * handover's, a storage check that found a problem. Licences, masses and deadlines need reference data,
 * policy and a date, and are judged in SQL (waste_lot_judgement, migration 0027).
 */
export function foldLot(
  lotCode: string,
  events: readonly NewWasteEvent[],
  parkOfGenerator: (generatorCode: string) => number | null,
): WasteLotRecord {
  if (events.length === 0) throw new RangeError(`lot ${lotCode} has no events`);
  const unique = new Map<string, NewWasteEvent>();
  for (const e of events) if (!unique.has(e.eventId)) unique.set(e.eventId, e);
  const byStep = new Map<WasteEventType, NewWasteEvent[]>();
  for (const e of [...unique.values()].sort(byTimeThenId)) {
    const list = byStep.get(e.type as WasteEventType) ?? [];
    list.push(e);
    byStep.set(e.type as WasteEventType, list);
  }
  const findings: WasteFinding[] = [];
  const first = <T>(step: WasteEventType): (T & { at: Date; eventId: string }) | null => {
    const list = byStep.get(step);
    if (!list) return null;
    if (list.length > 1) {
      findings.push({
        code: 'conflicting_events',
        params: {
          step,
          count: list.length,
          eventIds: list.map((e) => e.eventId).join(', '),
          used: list[0].eventId,
        },
      });
    }
    return { ...(list[0].body as T), at: list[0].occurredAt, eventId: list[0].eventId };
  };
  const generated = first<LotGeneratedEvent>('lot.generated');
  const handedOver = first<HandedOverEvent>('lot.handed-over');
  const received = first<ReceivedEvent>('lot.received');
  const treated = first<TreatedEvent>('lot.treated');
  const present: Record<Step, { at: Date } | null> = {
    'lot.generated': generated,
    'lot.handed-over': handedOver,
    'lot.received': received,
    'lot.treated': treated,
  };

  const reached = STEPS.filter((s) => present[s] !== null);
  // Run the machine over the steps reported, in step order. A step whose edge does not leave the current
  // state means earlier steps were never reported: each is a gap, and the lot still reaches the step.
  let state: MachineState = 'new';
  for (const step of reached) {
    let next: WasteLotState | undefined = LOT_TRANSITIONS[state][step];
    while (next === undefined) {
      const [skipped, after] = Object.entries(LOT_TRANSITIONS[state])[0] as [Step, WasteLotState];
      findings.push({ code: 'chain_gap', params: { step, missing: skipped } });
      state = after;
      next = LOT_TRANSITIONS[state][step];
    }
    state = next;
  }
  if (state === 'new') {
    // Only storage checks: the lot is in storage, but nobody reported it generated.
    findings.push({ code: 'chain_gap', params: { step: null, missing: 'lot.generated' } });
    state = 'stored';
  }
  for (let i = 1; i < reached.length; i++) {
    const before = present[reached[i - 1]]!.at;
    const after = present[reached[i]]!.at;
    if (after < before) {
      findings.push({
        code: 'chain_order',
        params: {
          step: reached[i],
          at: after.toISOString(),
          previousStep: reached[i - 1],
          previousAt: before.toISOString(),
        },
      });
    }
  }
  if (handedOver && received) {
    if (received.facility !== handedOver.facility) {
      findings.push({
        code: 'facility_mismatch',
        params: {
          stage: 'receipt',
          facility: received.facility,
          expectedFacility: handedOver.facility,
          manifest: handedOver.manifest,
        },
      });
    }
    if (received.manifest !== handedOver.manifest) {
      findings.push({
        code: 'manifest_mismatch',
        params: { manifest: received.manifest, expectedManifest: handedOver.manifest },
      });
    }
  }
  const treatingFacility = received?.facility ?? handedOver?.facility;
  if (treated && treatingFacility && treated.facility !== treatingFacility) {
    findings.push({
      code: 'facility_mismatch',
      params: {
        stage: 'treatment',
        facility: treated.facility,
        expectedFacility: treatingFacility,
        manifest: handedOver?.manifest ?? received?.manifest ?? null,
      },
    });
  }
  for (const check of byStep.get('lot.storage-checked') ?? []) {
    const body = check.body as unknown as StorageCheckedEvent;
    if (body.condition !== 'ok') {
      findings.push({
        code: 'storage_condition',
        params: { eventId: check.eventId, at: check.occurredAt.toISOString(), condition: body.condition },
      });
    }
  }

  const generatorCode = generated?.generator ?? null;
  return {
    lotCode,
    state,
    generatorCode,
    parkId: generatorCode === null ? null : parkOfGenerator(generatorCode),
    wasteCode: generated?.wasteCode ?? null,
    anchorAt: generated?.at ?? minTime(unique.values()),
    generatedAt: generated?.at ?? null,
    generatedKg: generated?.massKg ?? null,
    manifestNumber: handedOver?.manifest ?? received?.manifest ?? null,
    transporterCode: handedOver?.transporter ?? null,
    facilityCode: received?.facility ?? handedOver?.facility ?? treated?.facility ?? null,
    handedOverAt: handedOver?.at ?? null,
    handedOverKg: handedOver?.massKg ?? null,
    receivedAt: received?.at ?? null,
    receivedKg: received?.massKg ?? null,
    treatedAt: treated?.at ?? null,
    treatmentMethod: treated?.method ?? null,
    certificate: treated?.certificate ?? null,
    findings,
    eventCount: unique.size,
  };
}

function byTimeThenId(a: NewWasteEvent, b: NewWasteEvent): number {
  const dt = a.occurredAt.getTime() - b.occurredAt.getTime();
  return dt !== 0 ? dt : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

function minTime(events: Iterable<NewWasteEvent>): Date {
  let min = Number.POSITIVE_INFINITY;
  for (const e of events) min = Math.min(min, e.occurredAt.getTime());
  return new Date(min);
}
