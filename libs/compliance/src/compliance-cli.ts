import { withConfiguredDatabase } from '@hp/storage';
import { addDays, isDay, localDayOf } from './calendar/local-days';
import { ComplianceEngine } from './compliance-engine.service';

export const COMPLIANCE_USAGE = `  compliance-recompute [--from YYYY-MM-DD] [--to YYYY-MM-DD]
            judge every active station's local days in [from, to) again (default: the last 31 days
            up to today); idempotent`;

export function isComplianceCommand(command: string | undefined): boolean {
  return command === 'compliance-recompute';
}

/** `compliance-recompute`: a full recompute over a range, e.g. after a permit or catalogue change. */
export async function runComplianceCli(
  argv: readonly string[],
  err = (m: string) => console.error(m),
): Promise<number> {
  const options = new Map<string, string>();
  for (let i = 1; i < argv.length; i += 2) {
    if (!['--from', '--to'].includes(argv[i]) || argv[i + 1] === undefined) {
      err(`unexpected argument "${argv[i]}"\n${COMPLIANCE_USAGE}`);
      return 2;
    }
    options.set(argv[i], argv[i + 1]);
  }
  const today = localDayOf(new Date());
  const to = options.get('--to') ?? addDays(today, 1);
  const from = options.get('--from') ?? addDays(to, -31);
  for (const [name, value] of [
    ['--from', from],
    ['--to', to],
  ])
    if (!isDay(value)) {
      err(`${name} must be a date YYYY-MM-DD, got "${value}"`);
      return 2;
    }
  if (to <= from) {
    err(`--to (${to}) must be after --from (${from})`);
    return 2;
  }
  return withConfiguredDatabase('compliance-recompute', async (db) => {
    const started = Date.now();
    const result = await ComplianceEngine.forDatabase(db).recomputeAll(from, to);
    console.log(
      `judged ${result.stationDays} station-day(s) of ${result.stations} station(s) in [${from}, ${to}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
}
