import { addDays, localDayOf } from '@hp/contracts';
import { Database } from '@hp/storage';
import { PERMIT_COLUMNS, PermitColumn, RegistryAdmin, RegistryReader } from '@hp/registry';
import { AuditTrail } from '@hp/audit';
import { ComplianceEngine } from '../compliance-engine.service';
import { resolveKf } from '../standards/permit-limits';
import { shippedCatalogue, StandardsCatalogue } from '../standards/standards-catalogue';
import demoPermitsFile from './demo-permits.json';

/** One demo permit: a station's code and what its permit says (demo-permits.json, defaults filled in). */
export interface DemoPermit {
  readonly station: string;
  readonly standard: string;
  readonly column: PermitColumn;
  readonly kq: number | null;
  readonly permittedFlowM3PerDay: number;
  readonly effectiveFrom: string;
  readonly parameters: readonly string[];
}

/** Days judged again after a permit is added to a station that may already hold readings (as compliance-recompute). */
const REJUDGE_DAYS = 31;

/** demo-permits.json with each entry's defaults filled in; throws naming the entry when one is not usable. */
export function demoPermits(catalogue: StandardsCatalogue = shippedCatalogue()): DemoPermit[] {
  const { defaults, permits } = demoPermitsFile;
  return permits.map((entry) => {
    const merged = { ...defaults, ...entry };
    const permit: DemoPermit = { ...merged, column: merged.column as PermitColumn };
    const standard = catalogue.standard(permit.standard);
    if (!standard || !PERMIT_COLUMNS.includes(permit.column) || !standard.columns.includes(permit.column))
      throw new Error(
        `demo-permits.json ${permit.station}: ${permit.standard} column ${permit.column} unknown`,
      );
    return permit;
  });
}

/**
 * Writes the demo permits of demo-permits.json for the stations that have no permit at all (idempotent:
 * a station with any permit, demo or its own, is left alone), each with its audit entry, then judges the
 * recent days of those stations again. Kf comes from the permitted flow by the standard's Kf table.
 * Returns the codes of the stations that got one.
 */
export async function seedDemoPermits(
  db: Database,
  catalogue: StandardsCatalogue = shippedCatalogue(),
): Promise<string[]> {
  const stations = new RegistryReader(db).stations;
  const added: { id: number; code: string; from: string }[] = [];
  for (const demo of demoPermits(catalogue)) {
    const station = await stations.findByCode(demo.station);
    if (!station) continue; // a registry without this park
    const settled = resolveKf(catalogue, demo.standard, { flowM3PerDay: demo.permittedFlowM3PerDay });
    if ('problem' in settled) throw new Error(`demo-permits.json ${demo.station}: ${settled.problem.code}`);
    const kf = settled.kf;
    const inserted = await db.transaction(async (tx) => {
      if ((await new RegistryReader(tx).permits.listByStation(station.id)).length > 0) return false;
      const permit = await new RegistryAdmin(tx).recordDischargePermit({
        stationId: station.id,
        permitNumber: `DEMO-${demo.station}`,
        standardVersion: demo.standard,
        columnCode: demo.column,
        kq: demo.kq,
        kf: kf?.kf,
        kfSource: kf?.kfSource,
        kfReason: kf?.kfReason,
        permittedFlowM3PerDay: kf?.permittedFlowM3PerDay,
        effectiveFrom: demo.effectiveFrom,
        parameters: [...demo.parameters],
      });
      await new AuditTrail(tx).append({
        actor: 'seed:demo-permits',
        action: 'permit.add',
        subject: `station:${station.code}`,
        before: null,
        after: permit,
      });
      return true;
    });
    if (inserted) added.push({ id: station.id, code: station.code, from: demo.effectiveFrom });
  }
  if (added.length > 0) {
    // Readings already stored (a data directory from before the seed) are judged under the new permit.
    const tomorrow = addDays(localDayOf(new Date()), 1);
    const engine = ComplianceEngine.forDatabase(db, catalogue);
    for (const { id, from } of added) {
      const recent = addDays(tomorrow, -REJUDGE_DAYS);
      await engine.recomputeStation(id, from > recent ? from : recent, tomorrow);
    }
  }
  return added.map((a) => a.code);
}
