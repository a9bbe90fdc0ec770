import { apiSchema, json, PARK_CODE_PATTERN } from '@hp/contracts';
import { REPORT_FORMATS, ReportFormat } from '../storage/reports.types';
import { REPORT_LANGUAGES, ReportLanguage } from '../model/messages';
import { REPORT_KINDS, ReportKind } from '../model/report-period';
import { CONTENT_TYPES } from '../reports.service';

/** The bodies and answers of the report routes (served in OpenAPI; the dashboard's types come from them). */

export const SUBSCRIPTION_BODY_SCHEMA = json.body(
  {
    email: json.string({ maxLength: 254, example: 'officer@example.vn' }),
    language: { ...json.oneOf(REPORT_LANGUAGES), default: 'vi' },
    periodKinds: { ...json.array(json.oneOf(REPORT_KINDS)), minItems: 1 },
    formats: { ...json.array(json.oneOf(REPORT_FORMATS)), minItems: 1, default: ['pdf'] },
    parkCode: json.nullable(
      json.string({ pattern: PARK_CODE_PATTERN, description: "one park's report only; left out: the city" }),
    ),
  },
  ['language', 'formats', 'parkCode'],
);

export interface SubscriptionBody {
  email: string;
  language?: ReportLanguage;
  periodKinds: ReportKind[];
  formats?: ReportFormat[];
  parkCode?: string | null;
}

export const REPORT_SUBSCRIPTION_SCHEMA = apiSchema(
  'ReportSubscription',
  json.object({
    id: json.integer(),
    email: json.string(),
    language: json.oneOf(REPORT_LANGUAGES),
    periodKinds: json.array(json.oneOf(REPORT_KINDS)),
    formats: json.array(json.oneOf(REPORT_FORMATS)),
    parkId: json.nullable(json.integer({ description: "one park's report only; null: the whole city" })),
    parkCode: json.nullable(json.string()),
    createdBy: json.nullable(json.string()),
    active: json.boolean(),
    createdAt: json.dateTime(),
  }),
);

export const REPORT_RUN_SCHEMA = apiSchema(
  'ReportRun',
  json.object({
    id: json.integer(),
    kind: json.oneOf(REPORT_KINDS),
    period: json.string({ description: "'2026-10', '2026-Q4' or '2026'" }),
    language: json.oneOf(REPORT_LANGUAGES),
    scope: json.string({ description: "a park code, or '' for the whole city" }),
    version: json.integer({
      description: 'each generation of a period, language and scope is the next version',
    }),
    periodFrom: json.day(),
    periodTo: json.day(),
    status: json.oneOf(['ready', 'failed']),
    trigger: json.oneOf(['schedule', 'request']),
    requestedBy: json.nullable(json.string()),
    generatedAt: json.dateTime(),
    error: json.nullable(json.string()),
    files: json.array(
      json.object({
        format: json.oneOf(REPORT_FORMATS),
        filename: json.string(),
        contentType: json.string(),
        bytes: json.integer(),
        sha256: json.string(),
      }),
    ),
  }),
);

/** The progress report's download: one file in the format asked for. */
export const REPORT_FILE_CONTENT = Object.fromEntries(
  Object.values(CONTENT_TYPES).map((type) => [type, { schema: json.string({ format: 'binary' }) }]),
);
