import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@hp/config';
import { buildDashboards } from './dashboards/dashboards';
import { GrafanaClient, GrafanaRequestError } from './grafana-client';

/** The folder dashboards are published to (infra/grafana/provisioning/dashboards/dashboards.yaml uses it too). */
export const GRAFANA_FOLDER_UID = 'hp-envmon';
export const GRAFANA_FOLDER_TITLE = 'Hai Phong wastewater';

export const GRAFANA_USAGE = `  grafana-publish [--folder UID]
            publish the dashboards (city overview, park, station) to GRAFANA_URL with GRAFANA_TOKEN (a
            service-account token, Editor role), replacing the versions stored under their uids, into the
            folder UID (default ${GRAFANA_FOLDER_UID}, created when missing)`;

export const GRAFANA_COMMANDS = ['grafana-publish'] as const;
export type GrafanaCommand = (typeof GRAFANA_COMMANDS)[number];

export interface GrafanaCliIo {
  log(message: string): void;
  err(message: string): void;
}

export function isGrafanaCommand(command: string | undefined): command is GrafanaCommand {
  return (GRAFANA_COMMANDS as readonly (string | undefined)[]).includes(command);
}

/**
 * `grafana-publish` (argv[0]): reads GRAFANA_URL and GRAFANA_TOKEN, publishes every dashboard and prints
 * one line per dashboard with its URL. Exit status: 0 done, 1 Grafana refused or did not answer, 2 a
 * mistake in the command line or the configuration.
 */
export async function runGrafanaCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: GrafanaCliIo,
): Promise<number> {
  const [command, ...args] = argv;
  if (!isGrafanaCommand(command)) {
    io.err(`unknown command "${command ?? ''}"\nusage:\n${GRAFANA_USAGE}`);
    return 2;
  }
  let folderUid: string;
  try {
    const { values } = parseArgs({
      args,
      options: { folder: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    folderUid = values.folder ?? GRAFANA_FOLDER_UID;
  } catch (error) {
    io.err(`${(error as Error).message}\nusage:\n${GRAFANA_USAGE}`);
    return 2;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  const { url, token } = config.grafana;
  const missing = [
    url ? undefined : 'GRAFANA_URL is not set: the Grafana to publish to, e.g. http://localhost:3001',
    token ? undefined : 'GRAFANA_TOKEN is not set: a Grafana service-account token with the Editor role',
  ].filter((line): line is string => line !== undefined);
  if (!url || !token) {
    io.err(missing.join('\n'));
    return 2;
  }
  const client = new GrafanaClient({ url, token });
  try {
    await client.ensureFolder(folderUid, folderUid === GRAFANA_FOLDER_UID ? GRAFANA_FOLDER_TITLE : folderUid);
    const published = await client.publishDashboards(buildDashboards({ wastePolicy: config.waste }), {
      folderUid,
    });
    for (const dashboard of published)
      io.log(
        `published ${dashboard.uid} "${dashboard.title}" version ${dashboard.version}: ${dashboard.url}`,
      );
    return 0;
  } catch (error) {
    if (!(error instanceof GrafanaRequestError)) throw error;
    const hint =
      error.status === 401 || error.status === 403
        ? '\n(check GRAFANA_TOKEN: a service-account token with the Editor role)'
        : '';
    io.err(`${error.message}${hint}`);
    return 1;
  }
}
