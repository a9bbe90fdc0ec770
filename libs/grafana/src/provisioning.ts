import { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboards } from './dashboards/dashboards';
import { prettyJson } from './pretty-json';

/** Where Grafana's file provider reads dashboards from (mounted at /var/lib/grafana/dashboards). */
export const PROVISIONED_DASHBOARDS_DIR = 'infra/grafana/dashboards';

/** The command that writes the provisioned files, named by the drift test when they are stale. */
export const GENERATE_PROVISIONING_COMMAND =
  'node infra/scripts/run.cjs libs/grafana/src/generate-provisioning.ts';

export interface ProvisioningFile {
  /** Relative to the workspace root. */
  readonly path: string;
  readonly content: string;
}

/** The dashboard files to provision, one `<uid>.json` each (no side effects: the generator writes them). */
export function provisioningFiles(dashboards: readonly Dashboard[] = buildDashboards()): ProvisioningFile[] {
  return dashboards.map((dashboard) => {
    if (!dashboard.uid) throw new Error(`dashboard "${dashboard.title}" has no uid`);
    return { path: `${PROVISIONED_DASHBOARDS_DIR}/${dashboard.uid}.json`, content: prettyJson(dashboard) };
  });
}
