import { redact } from '@hp/config';
import { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

export const GRAFANA_REQUEST_TIMEOUT_MS = 10_000;

export interface GrafanaClientOptions {
  /** Grafana's base URL, e.g. http://grafana:3000 (a sub-path such as http://host/grafana is kept). */
  readonly url: string;
  /** Service-account token (Editor role), sent as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** Per request; default 10 s. */
  readonly timeoutMs?: number;
}

export interface PublishOptions {
  /** Folder to put the dashboards in (see ensureFolder); default: Grafana's root. */
  readonly folderUid?: string;
  /** Version message shown in the dashboard's history. */
  readonly message?: string;
}

/** Grafana's answer to saving a dashboard, with its URL made absolute. */
export interface PublishedDashboard {
  readonly uid: string;
  readonly title: string;
  readonly version: number;
  readonly url: string;
}

export interface GrafanaAnnotation {
  readonly time: Date;
  /** Set: a region from time to timeEnd. */
  readonly timeEnd?: Date;
  readonly text: string;
  readonly tags?: readonly string[];
  /** Set: shown on that dashboard only (with panelId, on that panel); unset: an organisation annotation, found by its tags. */
  readonly dashboardUID?: string;
  readonly panelId?: number;
}

/** A request Grafana refused or did not answer; the message names the request, status and Grafana's reason. */
export class GrafanaRequestError extends Error {
  constructor(
    message: string,
    readonly method: string,
    readonly url: string,
    /** HTTP status; undefined when there was no answer (network error, timeout). */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GrafanaRequestError';
  }
}

/** Grafana's HTTP API, as far as the platform uses it: folders, dashboards, annotations. */
export class GrafanaClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: GrafanaClientOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? GRAFANA_REQUEST_TIMEOUT_MS;
  }

  /** Creates the folder unless it exists (Grafana answers 409 or 412 then). */
  async ensureFolder(uid: string, title: string): Promise<'created' | 'exists'> {
    const answer = await this.request('POST', '/api/folders', { uid, title }, [409, 412]);
    return answer.status === 200 ? 'created' : 'exists';
  }

  /** Saves each dashboard, replacing the version stored under its uid, one after the other. */
  async publishDashboards(
    dashboards: readonly Dashboard[],
    options: PublishOptions = {},
  ): Promise<PublishedDashboard[]> {
    const published: PublishedDashboard[] = [];
    for (const dashboard of dashboards) {
      const { body } = await this.request('POST', '/api/dashboards/db', {
        dashboard,
        overwrite: true,
        ...(options.folderUid ? { folderUid: options.folderUid } : {}),
        message: options.message ?? 'published by grafana-publish (dashboards as code, libs/grafana)',
      });
      const answer = body as { uid?: string; url?: string; version?: number };
      const uid = answer.uid ?? dashboard.uid ?? '';
      published.push({
        uid,
        title: dashboard.title ?? uid,
        version: answer.version ?? 0,
        url: new URL(answer.url ?? `/d/${uid}`, `${this.baseUrl}/`).toString(),
      });
    }
    return published;
  }

  /** Adds an annotation; returns its id. */
  async postAnnotation(annotation: GrafanaAnnotation): Promise<{ id: number }> {
    const { body } = await this.request('POST', '/api/annotations', {
      time: annotation.time.getTime(),
      ...(annotation.timeEnd ? { timeEnd: annotation.timeEnd.getTime() } : {}),
      text: annotation.text,
      tags: [...(annotation.tags ?? [])],
      ...(annotation.dashboardUID ? { dashboardUID: annotation.dashboardUID } : {}),
      ...(annotation.panelId !== undefined ? { panelId: annotation.panelId } : {}),
    });
    return { id: (body as { id: number }).id };
  }

  /** One JSON request; a status outside 2xx (except `accepted`) is a GrafanaRequestError. */
  private async request(
    method: string,
    path: string,
    payload: unknown,
    accepted: readonly number[] = [],
  ): Promise<{ status: number; body: unknown }> {
    const url = `${this.baseUrl}${path}`;
    const shown = redact(url);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs / 1000} s`
          : // fetch refuses a URL with credentials, quoting it whole: the password must not go on.
            redact(((error as Error).cause as Error | undefined)?.message ?? (error as Error).message);
      throw new GrafanaRequestError(`Grafana ${method} ${shown} failed: ${reason}`, method, shown);
    }
    const text = await response.text();
    const body = parseJson(text);
    if (!response.ok && !accepted.includes(response.status)) {
      const reason = messageOf(body) ?? (text.trim().slice(0, 300) || response.statusText);
      throw new GrafanaRequestError(
        `Grafana ${method} ${shown} answered ${response.status}: ${reason}`,
        method,
        shown,
        response.status,
      );
    }
    return { status: response.status, body };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function messageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? message : undefined;
}
