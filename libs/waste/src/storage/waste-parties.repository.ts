import type { SqlExecutor } from '@hp/storage';
import {
  PartyLicence,
  PartyLicenceInput,
  PartyWithLicences,
  WasteDeclaration,
  WasteParty,
  WastePartyInput,
} from './waste.types';

const PARTY = `SELECT id, code, name, kind, park_id AS "parkId" FROM waste_parties`;
const LICENCE = `SELECT id, party_id AS "partyId", licence_number AS "licenceNumber", waste_codes AS "wasteCodes",
  valid_from AS "validFrom", valid_to AS "validTo" FROM party_licences`;

/** Generators, transporters and treatment facilities, with their licences (part of the party). */
export class WastePartiesRepository {
  constructor(private readonly db: SqlExecutor) {}

  async upsert(input: WastePartyInput): Promise<WasteParty> {
    const result = await this.db.query<WasteParty>(
      `INSERT INTO waste_parties (code, name, kind, park_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, park_id = EXCLUDED.park_id
       RETURNING id, code, name, kind, park_id AS "parkId"`,
      [input.code, input.name, input.kind, input.parkId ?? null],
    );
    return result.rows[0];
  }

  async findByCode(code: string): Promise<WasteParty | null> {
    return (await this.db.query<WasteParty>(`${PARTY} WHERE code = $1`, [code])).rows[0] ?? null;
  }

  async addLicence(input: PartyLicenceInput): Promise<PartyLicence> {
    const result = await this.db.query<{ id: number }>(
      `INSERT INTO party_licences (party_id, licence_number, waste_codes, valid_from, valid_to)
       VALUES ($1, $2, $3, $4::date, $5::date)
       ON CONFLICT (party_id, licence_number) DO UPDATE SET waste_codes = EXCLUDED.waste_codes,
         valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to
       RETURNING id`,
      [input.partyId, input.licenceNumber, input.wasteCodes, input.validFrom, input.validTo ?? null],
    );
    return (await this.db.query<PartyLicence>(`${LICENCE} WHERE id = $1`, [result.rows[0].id])).rows[0];
  }

  async licences(partyId: number): Promise<PartyLicence[]> {
    return (
      await this.db.query<PartyLicence>(`${LICENCE} WHERE party_id = $1 ORDER BY valid_from`, [partyId])
    ).rows;
  }

  /** The parties with these codes, each with its licences (unknown codes are left out). */
  async findWithLicences(codes: readonly string[]): Promise<PartyWithLicences[]> {
    if (codes.length === 0) return [];
    const parties = (await this.db.query<WasteParty>(`${PARTY} WHERE code = ANY ($1::text[])`, [codes])).rows;
    if (parties.length === 0) return [];
    const licences = (
      await this.db.query<PartyLicence>(`${LICENCE} WHERE party_id = ANY ($1::int[]) ORDER BY valid_from`, [
        parties.map((p) => p.id),
      ])
    ).rows;
    return parties.map((party) => ({ party, licences: licences.filter((l) => l.partyId === party.id) }));
  }

  async list(): Promise<WasteParty[]> {
    return (await this.db.query<WasteParty>(`${PARTY} ORDER BY kind, code`)).rows;
  }

  /** Records (or replaces) a generator's declared generation of a year, in kg. */
  async declare(input: { partyId: number; year: number; declaredKg: number }): Promise<void> {
    await this.db.query(
      `INSERT INTO waste_declarations (party_id, year, declared_kg) VALUES ($1, $2, $3)
       ON CONFLICT (party_id, year) DO UPDATE SET declared_kg = EXCLUDED.declared_kg, loaded_at = now()`,
      [input.partyId, input.year, input.declaredKg],
    );
  }

  /** Every generator's declared generation of a year (generators that declared nothing are absent). */
  async declarations(year: number): Promise<WasteDeclaration[]> {
    return (
      await this.db.query<WasteDeclaration>(
        `SELECT p.code AS "generatorCode", d.year, d.declared_kg AS "declaredKg"
           FROM waste_declarations d JOIN waste_parties p ON p.id = d.party_id
          WHERE d.year = $1
          ORDER BY p.code`,
        [year],
      )
    ).rows;
  }
}
