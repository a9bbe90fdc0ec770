import { code, dateTime, deepFreeze, JsonSchema } from '../telemetry/schemas';
import { PayloadRefusal } from '../messages/quarantine-reasons';
import { contractAjv, decodeAndCheck, schemaRefusal } from '../telemetry/validation';

/**
 * Hazardous-waste (CTNH) tracking events, contract version 1: what the tracking gateways (scales at the
 * generator's storage area, handover terminals, the treatment facility's weighbridge) publish on
 * `hp/v1/waste/{gatewayCode}/events`. One message carries 1 to 100 events; each is checked on its own.
 *
 * Every event has an `id` chosen by the gateway (a UUID is fine) and is stored once: a redelivered copy is
 * counted as a duplicate, and the state of a lot is computed from the set of its events, never from their
 * arrival order, so late and out-of-order events are harmless.
 */
export const WASTE_EVENT_TYPES = [
  'lot.generated',
  'lot.storage-checked',
  'lot.handed-over',
  'lot.received',
  'lot.treated',
] as const;
export type WasteEventType = (typeof WASTE_EVENT_TYPES)[number];

/** What a storage check may find (LEP 2020 Art. 83: separate, labelled, no leak). */
export const STORAGE_CONDITIONS = ['ok', 'leaking', 'damaged', 'unlabelled', 'mixed'] as const;
export type StorageCondition = (typeof STORAGE_CONDITIONS)[number];

export const MAX_EVENTS_PER_MESSAGE = 100;
/** Event ids: a UUID, or any 1-128 letters, digits and `_ - . :`. */
export const EVENT_ID_PATTERN = '^[A-Za-z0-9_.:-]{1,128}$';
/** A full waste code of Circular 02/2022: three pairs of digits, e.g. `16 01 12`. */
export const LOT_WASTE_CODE_PATTERN = '^[0-9]{2} [0-9]{2} [0-9]{2}$';
/** Manifest (chung tu CTNH) numbers as printed: letters, digits and `/ . _ -`. */
export const MANIFEST_NUMBER_PATTERN = '^[A-Za-z0-9/._-]{1,64}$';
/** Largest mass one event may report: 10,000 t, beyond any single lot. */
export const MAX_EVENT_MASS_KG = 10_000_000;

const text = (description: string, maxLength: number): JsonSchema => ({
  type: 'string',
  minLength: 1,
  maxLength,
  description,
});
const mass = (description: string): JsonSchema => ({
  type: 'number',
  exclusiveMinimum: 0,
  maximum: MAX_EVENT_MASS_KG,
  description: `${description} In kilograms, more than 0 and at most ${MAX_EVENT_MASS_KG}.`,
});
const manifest = (description: string): JsonSchema => ({
  type: 'string',
  pattern: MANIFEST_NUMBER_PATTERN,
  description,
});

/** The fields each event type requires besides id, type, lot and time. */
const TYPE_FIELDS: Record<WasteEventType, { required: string[]; properties: Record<string, JsonSchema> }> = {
  'lot.generated': {
    required: ['generator', 'wasteCode', 'massKg', 'container', 'storageArea'],
    properties: {
      generator: code('Waste-party code of the generator (the factory) whose storage area holds the lot.'),
      wasteCode: {
        type: 'string',
        pattern: LOT_WASTE_CODE_PATTERN,
        description: 'Waste code of Circular 02/2022 Annex III, three pairs of digits, e.g. "16 01 12".',
      },
      massKg: mass('Mass weighed when the lot entered storage.'),
      container: text('Container or packaging, e.g. "IBC-1000L #07" or "drum 200L".', 64),
      storageArea: text("Storage area at the generator's site.", 64),
    },
  },
  'lot.storage-checked': {
    required: ['condition'],
    properties: {
      condition: {
        type: 'string',
        enum: [...STORAGE_CONDITIONS],
        description: 'What the check found: ok, leaking, damaged, unlabelled, or mixed with other waste.',
      },
      massKg: mass('Mass weighed at the check, when weighed.'),
      note: text('Free text of the inspector.', 500),
    },
  },
  'lot.handed-over': {
    required: ['manifest', 'transporter', 'facility', 'vehicle', 'massKg'],
    properties: {
      manifest: manifest('Manifest (chung tu CTNH) number opened at this handover.'),
      transporter: code('Waste-party code of the licensed transporter taking the lot.'),
      facility: code('Waste-party code of the treatment facility the manifest sends the lot to.'),
      vehicle: text('Registration plate of the vehicle.', 32),
      massKg: mass('Mass handed over, as written on the manifest.'),
    },
  },
  'lot.received': {
    required: ['manifest', 'facility', 'massKg'],
    properties: {
      manifest: manifest('Manifest number the lot arrived with.'),
      facility: code('Waste-party code of the receiving treatment facility.'),
      massKg: mass('Mass weighed on receipt.'),
    },
  },
  'lot.treated': {
    required: ['facility', 'method', 'certificate'],
    properties: {
      facility: code('Waste-party code of the treatment facility.'),
      method: text('Treatment method, e.g. "incineration", "solidification", "recycling".', 128),
      certificate: text('Number of the treatment certificate (the copy returned to the generator).', 64),
      massKg: mass('Mass treated, when stated.'),
    },
  },
};

export const WasteEventSchema: JsonSchema = deepFreeze({
  title: 'WasteEvent',
  type: 'object',
  description:
    'One step of a hazardous-waste lot. The fields beyond id, type, lot and time depend on the type. ' +
    'Unknown extra keys are ignored.',
  required: ['id', 'type', 'lot', 'time'],
  properties: {
    id: {
      type: 'string',
      pattern: EVENT_ID_PATTERN,
      description: 'Unique id of the event, chosen by the gateway; a copy with the same id is a duplicate.',
    },
    type: { type: 'string', enum: [...WASTE_EVENT_TYPES], description: 'What happened to the lot.' },
    lot: code('Lot code, unique across the platform (prefix it with the generator code).'),
    time: dateTime('When it happened, RFC 3339 with an explicit offset.'),
  },
  allOf: WASTE_EVENT_TYPES.map((type) => ({
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: { required: TYPE_FIELDS[type].required, properties: TYPE_FIELDS[type].properties },
  })),
  additionalProperties: true,
});

export const WasteEventsPayloadSchema: JsonSchema = deepFreeze(eventsPayload(WasteEventSchema));

function eventsPayload(items?: JsonSchema): JsonSchema {
  return {
    title: 'WasteEventsPayload',
    type: 'object',
    description: `1 to ${MAX_EVENTS_PER_MESSAGE} events of the gateway, in any order.`,
    required: ['events'],
    properties: {
      events: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_EVENTS_PER_MESSAGE,
        ...(items ? { items } : {}),
        description: 'Each event is checked on its own: a bad one is refused alone.',
      },
    },
    additionalProperties: true,
  };
}

interface EventBase {
  readonly id: string;
  readonly lot: string;
  readonly time: string;
}
export interface LotGeneratedEvent extends EventBase {
  readonly type: 'lot.generated';
  readonly generator: string;
  readonly wasteCode: string;
  readonly massKg: number;
  readonly container: string;
  readonly storageArea: string;
}
export interface StorageCheckedEvent extends EventBase {
  readonly type: 'lot.storage-checked';
  readonly condition: StorageCondition;
  readonly massKg?: number;
  readonly note?: string;
}
export interface HandedOverEvent extends EventBase {
  readonly type: 'lot.handed-over';
  readonly manifest: string;
  readonly transporter: string;
  readonly facility: string;
  readonly vehicle: string;
  readonly massKg: number;
}
export interface ReceivedEvent extends EventBase {
  readonly type: 'lot.received';
  readonly manifest: string;
  readonly facility: string;
  readonly massKg: number;
}
export interface TreatedEvent extends EventBase {
  readonly type: 'lot.treated';
  readonly facility: string;
  readonly method: string;
  readonly certificate: string;
  readonly massKg?: number;
}
export type WasteEventV1 =
  LotGeneratedEvent | StorageCheckedEvent | HandedOverEvent | ReceivedEvent | TreatedEvent;

/** An event refused by the schema, with its index in `events`. */
export interface RejectedWasteEvent {
  readonly index: number;
  readonly reason: PayloadRefusal;
  readonly raw: unknown;
}

export type WasteEventsParseResult =
  | { readonly ok: true; readonly events: WasteEventV1[]; readonly rejected: RejectedWasteEvent[] }
  | { readonly ok: false; readonly reason: PayloadRefusal };

const validateEnvelope = contractAjv.compile(eventsPayload());
const validateEvent = contractAjv.compile(WasteEventSchema);

/**
 * Checks a waste-gateway message. The message is refused whole only when it is not JSON or has no
 * `events` array of 1..100 items; a bad event is refused alone with schema problems naming its fields by
 * path (e.g. `events[2].massKg`, rule `required`), and the good events of the message are kept.
 */
export function parseWasteEventsPayload(payload: unknown): WasteEventsParseResult {
  const checked = decodeAndCheck<{ events: unknown[] }>(validateEnvelope, payload);
  if (!checked.ok) return checked;
  const events: WasteEventV1[] = [];
  const rejected: RejectedWasteEvent[] = [];
  checked.value.events.forEach((raw, index) => {
    if (validateEvent(raw)) events.push(raw as WasteEventV1);
    else rejected.push({ index, reason: schemaRefusal(validateEvent.errors, `events[${index}]`), raw });
  });
  return { ok: true, events, rejected };
}
