import { RegistryReader } from '@hp/registry';
import { Database } from '@hp/storage';
import { AlertLifecycle } from '../lifecycle/alert-lifecycle.service';
import { AlertRulesRepository } from '../storage/alert-rules.repository';

/**
 * For the outage and failover drills: raises the n-th of a series of waste alerts of rule `ruleCode` in park
 * `parkCode`, each on a lot of its own (`lot:<prefix>-n`), so each one is one notification.
 */
export async function wasteAlertRaiser(
  db: Database,
  ruleCode: string,
  parkCode: string,
  prefix: string,
): Promise<(n: number) => ReturnType<AlertLifecycle['raise']>> {
  const rule = await new AlertRulesRepository(db).upsert({ code: ruleCode, kind: 'waste_violation' });
  const park = (await new RegistryReader(db).parks.findByCode(parkCode))!;
  const lifecycle = new AlertLifecycle(db, null);
  return (n: number) =>
    lifecycle.raise({
      ruleId: rule.id,
      subject: `lot:${prefix}-${n}`,
      kind: 'waste_violation',
      severity: 'warning',
      parkId: park.id,
      stationId: null,
      reason: { code: 'TEXT', params: { text: `lot ${prefix}-${n}` } },
      details: {},
      at: new Date(),
    });
}
