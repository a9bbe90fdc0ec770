import { CODE_PATTERN, DomainError } from '@hp/contracts';
import { Database } from '@hp/storage';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { WASTE_PARTY_KINDS, WastePartyKind } from '../storage/waste.types';
import { WastePartiesRepository } from '../storage/waste-parties.repository';

/**
 * The parties file of `waste-parties-load --json`: generators (with their park), licensed transporters and
 * treatment facilities with their licences, and the tracking gateways (scale devices) that report events.
 *   { "parties": [ { "code": "TR-HP-01", "name": "...", "kind": "transporter", "parkCode": null,
 *                    "licences": [ { "licenceNumber": "GPXL-01", "wasteCodes": ["16 01 12"],
 *                                    "validFrom": "2025-01-01", "validTo": null } ] } ],
 *     "gateways": [ { "code": "VSIP-HP-WGW", "parkCode": "VSIP-HP" } ] }
 * A generator may carry its declared annual generation (the figure of its Circular 02/2022 annual report),
 * one per year, which replaces the one loaded before for that year:
 *   "declarations": [ { "year": 2025, "generatedKg": 12500 } ]
 * The simulator writes this shape (`npm run simulate:waste -- --reference-out FILE`).
 */
export interface WastePartiesFile {
  readonly parties: readonly {
    readonly code: string;
    readonly name: string;
    readonly kind: WastePartyKind;
    readonly parkCode: string | null;
    readonly licences: readonly {
      readonly licenceNumber: string;
      readonly wasteCodes: readonly string[];
      readonly validFrom: string;
      readonly validTo: string | null;
    }[];
    readonly declarations: readonly { readonly year: number; readonly generatedKg: number }[];
  }[];
  readonly gateways: readonly { readonly code: string; readonly parkCode: string }[];
}

const CODE = new RegExp(CODE_PATTERN);
const WASTE_CODE = /^[0-9]{2}( [0-9]{2}){0,2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Raw {
  readonly [key: string]: unknown;
}
const list = (value: unknown): Raw[] => (Array.isArray(value) ? (value as Raw[]) : []);
const isText = (value: unknown, pattern?: RegExp): value is string =>
  typeof value === 'string' && value.trim() !== '' && (!pattern || pattern.test(value));

/** Checks a parties file; throws one INVALID_ARGUMENT error naming every bad field by its path. */
export function parseWastePartiesFile(text: string): WastePartiesFile {
  let body: Raw;
  try {
    body = JSON.parse(text) as Raw;
  } catch {
    throw new DomainError('INVALID_ARGUMENT', 'the file is not valid JSON');
  }
  const problems: string[] = [];
  if (!Array.isArray(body?.['parties'])) problems.push('parties must be an array');
  if (body?.['gateways'] !== undefined && !Array.isArray(body['gateways']))
    problems.push('gateways must be an array');
  list(body?.['parties']).forEach((p, i) => {
    const at = `parties[${i}]`;
    if (!isText(p?.['code'], CODE)) problems.push(`${at}.code must be 1 to 64 letters, digits, '-' or '_'`);
    if (!isText(p?.['name'])) problems.push(`${at}.name must be a non-empty string`);
    if (!(WASTE_PARTY_KINDS as readonly unknown[]).includes(p?.['kind']))
      problems.push(`${at}.kind must be one of ${WASTE_PARTY_KINDS.join(', ')}`);
    if (p?.['kind'] === 'generator' && !isText(p['parkCode']))
      problems.push(`${at}.parkCode is required for a generator`);
    if (p?.['licences'] !== undefined && !Array.isArray(p['licences']))
      problems.push(`${at}.licences must be an array`);
    if (p?.['declarations'] !== undefined) {
      if (!Array.isArray(p['declarations'])) problems.push(`${at}.declarations must be an array`);
      else if (p['kind'] !== 'generator') problems.push(`${at}.declarations are for generators only`);
    }
    const years = new Set<unknown>();
    list(p?.['declarations']).forEach((d, j) => {
      const dat = `${at}.declarations[${j}]`;
      const year = d?.['year'];
      const kg = d?.['generatedKg'];
      if (!(Number.isInteger(year) && (year as number) >= 2000 && (year as number) <= 2100))
        problems.push(`${dat}.year must be a year from 2000 to 2100`);
      else if (years.has(year)) problems.push(`${dat}.year ${String(year)} is declared twice`);
      years.add(year);
      if (!(typeof kg === 'number' && Number.isFinite(kg) && kg >= 0))
        problems.push(`${dat}.generatedKg must be a number of kg, 0 or more`);
    });
    list(p?.['licences']).forEach((l, j) => {
      const lat = `${at}.licences[${j}]`;
      const codes = l?.['wasteCodes'];
      if (!isText(l?.['licenceNumber'])) problems.push(`${lat}.licenceNumber must be a non-empty string`);
      if (!Array.isArray(codes) || codes.length === 0 || !codes.every((c) => isText(c, WASTE_CODE)))
        problems.push(`${lat}.wasteCodes must be a non-empty list of waste codes such as "16 01 12"`);
      const from = l?.['validFrom'];
      const to = l?.['validTo'];
      if (!isText(from, DAY)) problems.push(`${lat}.validFrom must be YYYY-MM-DD`);
      if (to !== null && to !== undefined && (!isText(to, DAY) || (isText(from) && to <= from)))
        problems.push(`${lat}.validTo must be null or a YYYY-MM-DD after validFrom`);
    });
  });
  list(body?.['gateways']).forEach((g, i) => {
    if (!isText(g?.['code'], CODE))
      problems.push(`gateways[${i}].code must be 1 to 64 letters, digits, '-' or '_'`);
    if (!isText(g?.['parkCode'])) problems.push(`gateways[${i}].parkCode is required`);
  });
  if (problems.length > 0) throw new DomainError('INVALID_ARGUMENT', problems.join('\n'));
  const checked = body as unknown as WastePartiesFile;
  return {
    parties: checked.parties.map((p) => ({
      ...p,
      parkCode: p.parkCode ?? null,
      licences: (p.licences ?? []).map((l) => ({ ...l, validTo: l.validTo ?? null })),
      declarations: p.declarations ?? [],
    })),
    gateways: checked.gateways ?? [],
  };
}

/** Loads a checked file in one transaction (all or nothing); upserts, so loading it again changes nothing. */
export async function loadWasteParties(
  db: Database,
  file: WastePartiesFile,
): Promise<{ parties: number; licences: number; declarations: number; gateways: number }> {
  return db.transaction(async (tx) => {
    const parks = new RegistryReader(tx).parks;
    const parties = new WastePartiesRepository(tx);
    const parkId = async (code: string, where: string) => {
      const park = await parks.findByCode(code);
      if (!park) throw new DomainError('INVALID_ARGUMENT', `${where}: no park ${JSON.stringify(code)}`);
      return park.id;
    };
    let licences = 0;
    let declarations = 0;
    for (const [i, p] of file.parties.entries()) {
      const party = await parties.upsert({
        code: p.code,
        name: p.name,
        kind: p.kind,
        parkId: p.parkCode === null ? null : await parkId(p.parkCode, `parties[${i}].parkCode`),
      });
      for (const l of p.licences) {
        await parties.addLicence({
          partyId: party.id,
          licenceNumber: l.licenceNumber,
          wasteCodes: [...l.wasteCodes],
          validFrom: l.validFrom,
          validTo: l.validTo,
        });
        licences++;
      }
      for (const d of p.declarations) {
        await parties.declare({ partyId: party.id, year: d.year, declaredKg: d.generatedKg });
        declarations++;
      }
    }
    for (const [i, g] of file.gateways.entries()) {
      const existing = await new RegistryReader(tx).devices.findByCode(g.code);
      if (existing && existing.kind !== 'scale')
        throw new DomainError(
          'INVALID_ARGUMENT',
          `gateways[${i}]: device ${g.code} exists and is a ${existing.kind}, not a scale`,
        );
      await new RegistryAdmin(tx).registerDevice({
        code: g.code,
        kind: 'scale',
        parkId: await parkId(g.parkCode, `gateways[${i}].parkCode`),
      });
    }
    return { parties: file.parties.length, licences, declarations, gateways: file.gateways.length };
  });
}
