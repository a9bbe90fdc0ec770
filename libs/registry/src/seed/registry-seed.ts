import { readFile } from 'node:fs/promises';
import { TOPIC_CODE_PATTERN } from '@hp/contracts';
import { VIET_NAM_BOUNDS } from '../api/registry.schemas';
import { OPERATING_STATUSES, Park, Station, STATION_KINDS, TreatmentPlant } from '../storage/registry.types';
import defaultSeedFile from './hai-phong-parks.json';

/*
 * The shape of a registry seed file (see hai-phong-parks.json): the registry rows without ids and
 * timestamps, each park holding its plants and each plant its stations. Keys starting with `$`
 * (e.g. `$comment`) are ignored; any other unknown key is an error.
 *
 * Required: every `code` (uppercase, unique per kind, used in MQTT topics) and `name`; a park's
 * `operatingStatus` and `source` (status tag and URL the entry rests on, e.g. "[V] https://...");
 * a station's `kind`. Anything else may be omitted: text and numbers become null (unknown; an [U]
 * figure stays null, said in `note`), a plant's status 'operating', a station's
 * expectedIntervalSeconds 300 and active true, the lists []. validateRegistrySeed fills them in.
 */
type RowFields<T> = Omit<T, 'id' | 'createdAt' | 'updatedAt'>;

// Coordinates and retirement are what officers record through the API; seeding leaves them as they are,
// except that a park without coordinates gets its seeded location (ParkLocationSeed).
// A plant's or station's nameVi is written only when the file gives one (null keeps the stored name).
export type StationSeed = Omit<RowFields<Station>, 'plantId' | 'latitude' | 'longitude' | 'retiredOn'>;

export interface TreatmentPlantSeed extends Omit<RowFields<TreatmentPlant>, 'parkId'> {
  stations: StationSeed[];
}

/**
 * Where a park is (WGS 84), with its status tag and source: "[U] approximate ..." until surveyed. Seeding
 * places a park that has no coordinates yet; coordinates recorded through the API are kept.
 */
export interface ParkLocationSeed {
  latitude: number;
  longitude: number;
  source: string;
}

export interface ParkSeed extends Omit<RowFields<Park>, 'latitude' | 'longitude'> {
  source: string;
  /** Null: not located; the park stays without coordinates until an officer records them. */
  location: ParkLocationSeed | null;
  /** Why the status or area are what they are (e.g. an unverified figure left out). */
  note: string | null;
  treatmentPlants: TreatmentPlantSeed[];
}

export interface RegistrySeed {
  parks: ParkSeed[];
}

/** A seed file that does not have the shape above; the message names the entry and the field. */
export class RegistrySeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistrySeedError';
  }
}

/** Codes are uppercase letters, digits and dashes, and must also fit the MQTT topic code pattern. */
export const REGISTRY_CODE_PATTERN = /^[A-Z0-9-]+$/;
export const DEFAULT_EXPECTED_INTERVAL_SECONDS = 300;

type Json = Record<string, unknown>;

/** Reads one object's fields, reporting problems as `<where>: <field> ...`. */
class Fields {
  private readonly seen = new Set<string>();

  constructor(
    readonly where: string,
    private readonly obj: Json,
  ) {}

  fail(field: string, problem: string): never {
    throw new RegistrySeedError(`${this.where}: ${field} ${problem}`);
  }

  private get(field: string): unknown {
    this.seen.add(field);
    return this.obj[field];
  }

  code(): string {
    const value = this.string('code');
    if (!REGISTRY_CODE_PATTERN.test(value) || !TOPIC_CODE_PATTERN.test(value)) {
      this.fail(
        'code',
        `must be uppercase letters, digits and dashes, at most 64 characters (it is used in MQTT topics, pattern ${TOPIC_CODE_PATTERN})`,
      );
    }
    return value;
  }

  string(field: string): string {
    const value = this.get(field);
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'must be a non-empty string');
    return value;
  }

  optionalString(field: string): string | null {
    const value = this.get(field);
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || value.trim() === '')
      this.fail(field, 'must be a non-empty string or null');
    return value;
  }

  optionalPositive(field: string): number | null {
    const value = this.get(field);
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      this.fail(field, `must be a positive number or null (unknown), got ${JSON.stringify(value)}`);
    }
    return value;
  }

  positiveInteger(field: string, fallback: number): number {
    const value = this.get(field) ?? fallback;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      this.fail(field, `must be a positive integer, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  boolean(field: string, fallback: boolean): boolean {
    const value = this.get(field) ?? fallback;
    if (typeof value !== 'boolean') this.fail(field, `must be true or false, got ${JSON.stringify(value)}`);
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], fallback?: T): T {
    const value = this.get(field) ?? fallback;
    if (!(allowed as readonly unknown[]).includes(value)) {
      this.fail(field, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    }
    return value as T;
  }

  /** An optional object field, parsed with where = `<where>.<field>`; null when omitted. */
  optionalObject<T>(field: string, parse: (where: string, item: unknown) => T): T | null {
    const value = this.get(field);
    return value === undefined || value === null ? null : parse(`${this.where}.${field}`, value);
  }

  /** A number within [min, max]. */
  numberWithin(field: string, [min, max]: readonly [number, number]): number {
    const value = this.get(field);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.fail(field, `must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  /** An optional array field ([] when omitted). */
  array(field: string): unknown[] {
    const value = this.get(field) ?? [];
    if (!Array.isArray(value)) this.fail(field, 'must be an array');
    return value;
  }

  /** Each element of an optional array field, parsed with where = `<where>.<field>[i]`. */
  list<T>(field: string, parse: (where: string, item: unknown) => T): T[] {
    return this.array(field).map((item, i) => parse(`${this.where}.${field}[${i}]`, item));
  }

  /** Call last: rejects keys no reader asked for (typos such as `area_ha`). */
  done<T>(result: T): T {
    const unknown = Object.keys(this.obj).find((key) => !key.startsWith('$') && !this.seen.has(key));
    if (unknown !== undefined) this.fail(unknown, 'is not a known field');
    return result;
  }
}

/** `parks[3] (VSIP-HP)`: the entry's path, and its code when it has one. */
function label(path: string, code: unknown): string {
  return typeof code === 'string' ? `${path} (${code})` : path;
}

function fieldsOf(path: string, value: unknown): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RegistrySeedError(`${path}: must be an object`);
  }
  const obj = value as Json;
  return new Fields(label(path, obj['code']), obj);
}

function parseStation(where: string, value: unknown): StationSeed {
  const f = fieldsOf(where, value);
  return f.done({
    code: f.code(),
    name: f.string('name'),
    nameVi: f.optionalString('nameVi'),
    kind: f.oneOf('kind', STATION_KINDS),
    expectedIntervalSeconds: f.positiveInteger('expectedIntervalSeconds', DEFAULT_EXPECTED_INTERVAL_SECONDS),
    active: f.boolean('active', true),
  });
}

/** A status tag first: [V] verified in the cited source, [U] unverified (e.g. read off a public map). */
const STATUS_TAG = /^\[(V|V2|U)\] /;

function parseLocation(where: string, value: unknown): ParkLocationSeed {
  const f = fieldsOf(where, value);
  const location = {
    latitude: f.numberWithin('latitude', VIET_NAM_BOUNDS.latitude),
    longitude: f.numberWithin('longitude', VIET_NAM_BOUNDS.longitude),
    source: f.string('source'),
  };
  if (!STATUS_TAG.test(location.source))
    f.fail('source', 'must start with its status tag, "[V] " or "[U] " (an approximate location is [U])');
  return f.done(location);
}

function parsePlant(where: string, value: unknown): TreatmentPlantSeed {
  const f = fieldsOf(where, value);
  return f.done({
    code: f.code(),
    name: f.string('name'),
    nameVi: f.optionalString('nameVi'),
    designCapacityM3PerDay: f.optionalPositive('designCapacityM3PerDay'),
    receivingWater: f.optionalString('receivingWater'),
    operatingStatus: f.oneOf('operatingStatus', OPERATING_STATUSES, 'operating'),
    source: f.optionalString('source'),
    stations: f.list('stations', parseStation),
  });
}

function parsePark(where: string, value: unknown): ParkSeed {
  const f = fieldsOf(where, value);
  return f.done({
    code: f.code(),
    name: f.string('name'),
    nameVi: f.optionalString('nameVi'),
    developer: f.optionalString('developer'),
    economicZone: f.optionalString('economicZone'),
    district: f.optionalString('district'),
    areaHa: f.optionalPositive('areaHa'),
    operatingStatus: f.oneOf('operatingStatus', OPERATING_STATUSES),
    source: f.string('source'),
    note: f.optionalString('note'),
    location: f.optionalObject('location', parseLocation),
    treatmentPlants: f.list('treatmentPlants', parsePlant),
  });
}

/** Throws when two entries of one kind share a code (each table keys on code). */
function assertUniqueCodes(kind: string, entries: readonly { where: string; code: string }[]): void {
  const first = new Map<string, string>();
  for (const { where, code } of entries) {
    const earlier = first.get(code);
    if (earlier !== undefined) {
      throw new RegistrySeedError(`${where}: code "${code}" duplicates the ${kind} code of ${earlier}`);
    }
    first.set(code, where);
  }
}

/**
 * Checks a parsed seed file and returns it with omitted fields filled in. Throws RegistrySeedError
 * naming the entry (`parks[3] (VSIP-HP)` style paths) and the field.
 */
export function validateRegistrySeed(raw: unknown): RegistrySeed {
  const root = fieldsOf('seed file', raw);
  const parkValues = root.array('parks');
  if (parkValues.length === 0) root.fail('parks', 'must list at least one park');
  root.done(null);

  const parks = parkValues.map((item, i) => parsePark(`parks[${i}]`, item));
  const located = <T extends { code: string }>(path: string, entry: T) => ({
    where: label(path, entry.code),
    code: entry.code,
    entry,
  });
  const parkEntries = parks.map((park, i) => located(`parks[${i}]`, park));
  const plantEntries = parkEntries.flatMap(({ where, entry }) =>
    entry.treatmentPlants.map((plant, j) => located(`${where}.treatmentPlants[${j}]`, plant)),
  );
  const stationEntries = plantEntries.flatMap(({ where, entry }) =>
    entry.stations.map((station, k) => located(`${where}.stations[${k}]`, station)),
  );
  assertUniqueCodes('park', parkEntries);
  assertUniqueCodes('treatment plant', plantEntries);
  assertUniqueCodes('station', stationEntries);
  return { parks };
}

/** The Hai Phong parks seed shipped with this library (hai-phong-parks.json), validated. */
export function defaultRegistrySeed(): RegistrySeed {
  return validateRegistrySeed(defaultSeedFile);
}

/** Reads and validates a seed file, e.g. one listing parks added after the 2025 merger. */
export async function loadRegistrySeedFile(path: string): Promise<RegistrySeed> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new RegistrySeedError(`${path}: not readable JSON (${(error as Error).message})`);
  }
  try {
    return validateRegistrySeed(raw);
  } catch (error) {
    if (error instanceof RegistrySeedError) throw new RegistrySeedError(`${path}: ${error.message}`);
    throw error;
  }
}
