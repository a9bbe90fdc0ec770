import { userInfo } from 'node:os';
import { withConfiguredDatabase } from '@hp/storage';
import {
  COMPLIANCE_WINDOWS,
  ComplianceWindow,
  PERMIT_COLUMNS,
  PermitColumn,
  RegistryAdmin,
  RegistryReader,
} from '@hp/registry';
import { AuditTrail } from '@hp/audit';
import { addDays, isDay, localDayOf } from '@hp/contracts';
import { ComplianceEngine } from './compliance-engine.service';
import { KfProblem, resolveKf } from './standards/permit-limits';
import { shippedCatalogue } from './standards/standards-catalogue';

export const COMPLIANCE_USAGE = `  compliance-recompute [--from YYYY-MM-DD] [--to YYYY-MM-DD]
            judge every active station's local days in [from, to) again (default: the last 31 days
            up to today); idempotent
  permits-add --station CODE --standard QCVN40:2011 --column A|B|C --from YYYY-MM-DD
            [--number GPMT-...] [--kq N] [--flow M3_PER_DAY] [--kf N --kf-reason TEXT]
            [--parameters COD,NH4,...] [--windows hour,day] [--min-capture 0.75] [--flatline 12]
            record a station's discharge permit (it closes the open one on its first day), then judge
            its days from that date up to today again. Kf comes from the permitted discharge flow
            (--flow, m3/day) by the standard's Kf table, or is stated with --kf and its --kf-reason;
            one of the two is required under a standard with a Kf table`;

const COMMANDS = ['compliance-recompute', 'permits-add'] as const;

export function isComplianceCommand(command: string | undefined): boolean {
  return (COMMANDS as readonly (string | undefined)[]).includes(command);
}

/** A mistake in the command line: printed as it is, exit status 2. */
class UsageError extends Error {
  readonly exitCode = 2;
}

function parseOptions(argv: readonly string[], allowed: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 1; i < argv.length; i += 2) {
    if (!allowed.includes(argv[i]) || argv[i + 1] === undefined)
      throw new UsageError(`unexpected argument "${argv[i]}"\n${COMPLIANCE_USAGE}`);
    options.set(argv[i], argv[i + 1]);
  }
  return options;
}

function day(name: string, value: string): string {
  if (!isDay(value)) throw new UsageError(`${name} must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${name} must be a positive number, got "${value}"`);
  return n;
}

/** `compliance-recompute` (a full recompute over a range) and `permits-add`. */
export async function runComplianceCli(
  argv: readonly string[],
  err = (m: string) => console.error(m),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    if (argv[0] === 'permits-add') return await addPermit(argv, err, env);
    const options = parseOptions(argv, ['--from', '--to']);
    const to = day('--to', options.get('--to') ?? addDays(localDayOf(new Date()), 1));
    const from = day('--from', options.get('--from') ?? addDays(to, -31));
    if (to <= from) throw new UsageError(`--to (${to}) must be after --from (${from})`);
    return await withConfiguredDatabase(
      'compliance-recompute',
      async (db) => {
        const started = Date.now();
        const result = await ComplianceEngine.forDatabase(db).recomputeAll(from, to);
        console.log(
          `judged ${result.stationDays} station-day(s) of ${result.stations} station(s) in [${from}, ${to}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      },
      { env, err },
    );
  } catch (error) {
    if (error instanceof UsageError) {
      err(error.message);
      return error.exitCode;
    }
    throw error;
  }
}

async function addPermit(
  argv: readonly string[],
  err: (m: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const o = parseOptions(argv, [
    '--station',
    '--standard',
    '--column',
    '--from',
    '--number',
    '--kq',
    '--kf',
    '--kf-reason',
    '--flow',
    '--parameters',
    '--windows',
    '--min-capture',
    '--flatline',
  ]);
  for (const required of ['--station', '--standard', '--column', '--from'])
    if (!o.has(required)) throw new UsageError(`${required} is required\n${COMPLIANCE_USAGE}`);
  const catalogue = shippedCatalogue();
  const standard = catalogue.standard(o.get('--standard')!);
  if (!standard)
    throw new UsageError(
      `--standard must be one of ${catalogue.versions.join(', ')}, got "${o.get('--standard')}"`,
    );
  const column = o.get('--column')! as PermitColumn;
  if (!PERMIT_COLUMNS.includes(column) || !standard.columns.includes(column))
    throw new UsageError(`--column must be one of ${standard.columns.join(', ')} for ${standard.version}`);
  const from = day('--from', o.get('--from')!);
  const settled = resolveKf(catalogue, standard.version, {
    flowM3PerDay: positive('--flow', o.get('--flow')),
    kf: positive('--kf', o.get('--kf')),
    kfReason: o.get('--kf-reason'),
  });
  if ('problem' in settled) throw new UsageError(kfUsage(settled.problem));
  const kf = settled.kf;
  const parameters = o.get('--parameters')?.split(',').filter(Boolean);
  const windows = o.get('--windows')?.split(',').filter(Boolean) as ComplianceWindow[] | undefined;
  if (windows && (windows.length === 0 || windows.some((w) => !COMPLIANCE_WINDOWS.includes(w))))
    throw new UsageError(`--windows must list ${COMPLIANCE_WINDOWS.join(' and/or ')}`);
  const minCapture = positive('--min-capture', o.get('--min-capture'));
  if (minCapture !== undefined && minCapture > 1) throw new UsageError('--min-capture must be at most 1');
  const flatline = positive('--flatline', o.get('--flatline'));
  if (flatline !== undefined && (!Number.isInteger(flatline) || flatline < 2))
    throw new UsageError('--flatline must be a whole number of at least 2');
  return withConfiguredDatabase(
    'permits-add',
    async (db) => {
      const station = await new RegistryReader(db).stations.findByCode(o.get('--station')!);
      if (!station) throw new UsageError(`station "${o.get('--station')}" does not exist`);
      // The permit and its audit entry in one transaction: no change without its record.
      const permit = await db.transaction(async (tx) => {
        const before = await new RegistryReader(tx).permits.findEffective(station.id, from);
        const added = await new RegistryAdmin(tx).recordDischargePermit({
          stationId: station.id,
          permitNumber: o.get('--number'),
          standardVersion: standard.version,
          columnCode: column,
          kq: positive('--kq', o.get('--kq')),
          kf: kf?.kf,
          kfSource: kf?.kfSource,
          kfReason: kf?.kfReason,
          permittedFlowM3PerDay: kf?.permittedFlowM3PerDay,
          effectiveFrom: from,
          parameters,
          windows,
          minCapture,
          flatlineRecords: flatline,
        });
        await new AuditTrail(tx).append({
          actor: `cli:${userInfo().username}`,
          action: 'permit.add',
          subject: `station:${station.code}`,
          before,
          after: added,
        });
        return added;
      });
      const unlimited = permit.parameters.filter(
        (p) => !catalogue.parameter(standard.version, p)?.limits[column],
      );
      console.log(
        `permit ${permit.id} for ${station.code}: ${standard.version} column ${column}, judging ${permit.parameters.join(', ')} from ${from}`,
      );
      if (kf)
        console.log(
          kf.kfSource === 'flow_table'
            ? `Kf ${kf.kf} from the permitted flow ${kf.permittedFlowM3PerDay} m3/day (${standard.version} Kf table)`
            : `Kf ${kf.kf} stated: ${kf.kfReason}`,
        );
      if (unlimited.length > 0)
        console.log(
          `note: ${unlimited.join(', ')} have no limit in ${standard.version} column ${column} and are not judged`,
        );
      const today = addDays(localDayOf(new Date()), 1);
      if (from < today) {
        const days = await ComplianceEngine.forDatabase(db).recomputeStation(station.id, from, today);
        console.log(`judged ${days} day(s) of ${station.code} again`);
      }
    },
    { env, err },
  );
}

function kfUsage(problem: KfProblem): string {
  switch (problem.code) {
    case 'KF_REASON_REQUIRED':
      return '--kf needs --kf-reason (why the permit states this Kf rather than the one its flow gives)';
    case 'KF_FLOW_OR_EXPLICIT_REQUIRED':
      return `${problem.standard} scales limits by Kf: give the permitted discharge flow (--flow, m3/day) or --kf with --kf-reason`;
    case 'KF_NO_TABLE':
      return `${problem.standard} has no Kf table to derive Kf from --flow: give --kf with --kf-reason`;
  }
}
