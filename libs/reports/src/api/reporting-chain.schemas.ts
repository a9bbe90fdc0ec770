import { apiSchema, json } from '@hp/contracts';
import { REPORT_LANGUAGES, ReportLanguage } from '../model/messages';
import { REPORT_KINDS, ReportKind } from '../model/report-period';
import { SUBMISSION_ACTIONS, SUBMISSION_STATES } from '../storage/reporting-chain.types';

/** The bodies and answers of the reporting chain's routes (served in OpenAPI). */

const PERIOD_TEXT = json.string({
  pattern: '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$',
  description: "'2026-10' (month), '2026-Q4' (quarter) or '2026' (year)",
  example: '2026-11',
});
const NARRATIVE_TEXT = json.string({ maxLength: 20_000 });
const NARRATIVE = {
  progress: { ...NARRATIVE_TEXT, description: 'progress of the plan in the park' },
  difficulties: { ...NARRATIVE_TEXT, description: 'difficulties met' },
  proposals: { ...NARRATIVE_TEXT, description: 'proposals to the Authority' },
};

export const SUBMISSION_CREATE_BODY_SCHEMA = json.body(
  { period: PERIOD_TEXT, kind: json.oneOf(REPORT_KINDS), ...NARRATIVE },
  ['kind', 'progress', 'difficulties', 'proposals'],
);

export interface SubmissionCreateBody {
  period: string;
  kind?: ReportKind;
  progress?: string;
  difficulties?: string;
  proposals?: string;
}

export const SUBMISSION_NARRATIVE_BODY_SCHEMA = json.body(NARRATIVE, [
  'progress',
  'difficulties',
  'proposals',
]);

export interface SubmissionNarrativeBody {
  progress?: string;
  difficulties?: string;
  proposals?: string;
}

export const SUBMISSION_RETURN_BODY_SCHEMA = json.body({
  comment: json.text({ maxLength: 5_000, description: "the reviewer's comments: what to correct" }),
});

export interface SubmissionReturnBody {
  comment: string;
}

export const SUBMISSION_APPROVE_BODY_SCHEMA = json.body({ comment: json.string({ maxLength: 5_000 }) }, [
  'comment',
]);

export interface SubmissionApproveBody {
  comment?: string;
}

export const REPORT_SUBMISSION_SCHEMA = apiSchema(
  'ReportSubmission',
  json.object({
    id: json.integer(),
    parkId: json.integer(),
    parkCode: json.string(),
    kind: json.oneOf(REPORT_KINDS),
    period: json.string(),
    periodFrom: json.day(),
    periodTo: { ...json.day(), description: 'the day after the last, exclusive' },
    state: json.oneOf(SUBMISSION_STATES),
    progress: json.string(),
    difficulties: json.string(),
    proposals: json.string(),
    figures: {
      type: 'object',
      description: "the platform's figures for the park (the progress report model), frozen at submission",
    },
    createdBy: json.string(),
    createdAt: json.dateTime(),
    updatedAt: json.dateTime(),
    events: json.array(
      json.object({
        action: json.oneOf(SUBMISSION_ACTIONS),
        state: json.oneOf(SUBMISSION_STATES),
        actor: json.string(),
        at: json.dateTime(),
        comment: json.nullable(json.string()),
      }),
    ),
  }),
);

export const CITY_REPORT_CREATE_BODY_SCHEMA = json.body(
  {
    period: PERIOD_TEXT,
    kind: json.oneOf(REPORT_KINDS),
    language: { ...json.oneOf(REPORT_LANGUAGES), default: 'vi' },
  },
  ['kind', 'language'],
);

export interface CityReportCreateBody {
  period: string;
  kind?: ReportKind;
  language?: ReportLanguage;
}

export const CITY_REPORT_SCHEMA = apiSchema(
  'CityReport',
  json.object({
    id: json.integer(),
    kind: json.oneOf(REPORT_KINDS),
    period: json.string(),
    periodFrom: json.day(),
    periodTo: { ...json.day(), description: 'the day after the last, exclusive' },
    language: json.oneOf(REPORT_LANGUAGES),
    version: json.integer({ description: '1, then each correction of the period the next' }),
    supersedesId: json.nullable(json.integer({ description: 'the issued version this one corrects' })),
    state: json.oneOf(['draft', 'issued']),
    createdBy: json.string(),
    createdAt: json.dateTime(),
    number: json.nullable(json.integer({ description: 'sequential in the year of issue' })),
    year: json.nullable(json.integer()),
    documentNumber: json.nullable(json.string({ example: '123/BC-BQL' })),
    issuedAt: json.nullable(json.dateTime()),
    issuedBy: json.nullable(json.string()),
    files: json.array(
      json.object({
        format: json.oneOf(['pdf', 'xlsx']),
        filename: json.string(),
        contentType: json.string(),
        bytes: json.integer(),
        sha256: json.string(),
      }),
    ),
  }),
);

const SETTINGS_PROPERTIES = {
  governingBody: json.text({ maxLength: 200, example: 'UBND THÀNH PHỐ HẢI PHÒNG' }),
  issuingAgency: json.text({ maxLength: 200, example: 'BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG' }),
  symbol: json.string({
    pattern: '^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$',
    maxLength: 40,
    description: "the symbol after the number: '123/BC-BQL'",
    example: 'BC-BQL',
  }),
  place: json.text({ maxLength: 100, example: 'Hải Phòng' }),
  addressee: json.text({ maxLength: 300, example: 'Ủy ban nhân dân thành phố Hải Phòng' }),
  signerAuthority: json.string({
    maxLength: 100,
    description: "e.g. 'KT. TRƯỞNG BAN'; empty when signing in one's own right",
  }),
  signerPosition: json.text({ maxLength: 100, example: 'PHÓ TRƯỞNG BAN' }),
  signerName: json.text({ maxLength: 100 }),
  recipients: { ...json.array(json.text({ maxLength: 200 })), minItems: 1, maxItems: 30 },
};

export const CITY_REPORT_SETTINGS_BODY_SCHEMA = json.body(SETTINGS_PROPERTIES);

export const CITY_REPORT_SETTINGS_SCHEMA = apiSchema(
  'CityReportSettings',
  json.object({ series: json.string(), ...SETTINGS_PROPERTIES }),
);
