import { DEVICE_IDENTITY_USAGE, isDeviceIdentityCommand, runDeviceIdentityCli } from '@hp/device-identity';
import { COMPLIANCE_USAGE, isComplianceCommand, runComplianceCli } from '@hp/compliance';
import { seedRegistry } from '@hp/registry';
import { isUsersCommand, runUsersCli, USERS_USAGE } from '@hp/accounts';
import { GRAFANA_USAGE, isGrafanaCommand, runGrafanaCli } from '@hp/grafana';
import { seedDefaultAlertRules } from '@hp/alerting';
import { isWasteCommand, runWasteCli, seedWasteCodes, WASTE_USAGE } from '@hp/waste';
import { isSparkplugCommand, runSparkplugCli, SPARKPLUG_USAGE } from '@hp/sparkplug';
import { runMigrations, withConfiguredDatabase } from '@hp/storage';

export const CLI_USAGE = `usage: cli <command>
  migrate   apply pending schema migrations (under an advisory lock) and exit
  seed      apply migrations, then load the Hai Phong registry seed, the common waste codes and the default alert rules (idempotent)
${DEVICE_IDENTITY_USAGE}
${COMPLIANCE_USAGE}
${WASTE_USAGE}
${SPARKPLUG_USAGE}
${USERS_USAGE}
${GRAFANA_USAGE}`;

/** `migrate` and `seed`, without Nest: connect, do the one thing, exit with its status. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const command = argv[0];
  if (isDeviceIdentityCommand(command)) return runDeviceIdentityCli(argv);
  if (isComplianceCommand(command)) return runComplianceCli(argv);
  if (isWasteCommand(command)) return runWasteCli(argv);
  if (isSparkplugCommand(command)) return runSparkplugCli(argv);
  if (isUsersCommand(command)) return runUsersCli(argv);
  if (isGrafanaCommand(command))
    return runGrafanaCli(argv, process.env, { log: (m) => console.log(m), err: (m) => console.error(m) });
  if (command !== 'migrate' && command !== 'seed') {
    console.error(command ? `unknown command "${command}"\n${CLI_USAGE}` : CLI_USAGE);
    return 2;
  }
  return withConfiguredDatabase(command, async (db) => {
    const { applied } = await runMigrations(db);
    console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'schema is up to date');
    if (command === 'seed') {
      console.log(`seeded: ${JSON.stringify(await seedRegistry(db))}`);
      console.log(`waste codes added: ${await seedWasteCodes(db)}`);
      console.log(`default alert rules added: ${await seedDefaultAlertRules(db)}`);
    }
  });
}
