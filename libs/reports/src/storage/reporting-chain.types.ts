import { ReportKind } from '../model/report-period';
import { ReportFileMeta } from './reports.types';

export const SUBMISSION_STATES = ['draft', 'submitted', 'returned', 'resubmitted', 'approved'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export const SUBMISSION_ACTIONS = ['create', 'edit', 'submit', 'return', 'resubmit', 'approve'] as const;
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number];

/** The park's own words in its submission. */
export interface SubmissionNarrative {
  progress: string;
  difficulties: string;
  proposals: string;
}

/** One transition of a submission: who, when, to which state, and the reviewer's comment on a return. */
export interface SubmissionEvent {
  action: SubmissionAction;
  state: SubmissionState;
  actor: string;
  at: Date;
  comment: string | null;
}

/** A park's periodic report to the Planning department (plan 624/KH-BQL section IV). */
export interface ReportSubmission extends SubmissionNarrative {
  id: number;
  parkId: number;
  parkCode: string;
  kind: ReportKind;
  period: string;
  periodFrom: string;
  periodTo: string;
  state: SubmissionState;
  /** The platform's figures for the park (the progress report model, JSON), frozen at the last submission. */
  figures: unknown;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  events: SubmissionEvent[];
}

export type ReportSubmissionInput = Pick<
  ReportSubmission,
  'parkId' | 'kind' | 'period' | 'periodFrom' | 'periodTo' | 'figures' | 'createdBy'
> &
  SubmissionNarrative;

/** The issuing particulars of the Authority's reports (Decree 30/2020/ND-CP form), kept as data. */
export interface CityReportSettings {
  series: string;
  governingBody: string;
  issuingAgency: string;
  symbol: string;
  place: string;
  addressee: string;
  signerAuthority: string;
  signerPosition: string;
  signerName: string;
  recipients: string[];
}

export const CITY_REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export type CityReportFormat = (typeof CITY_REPORT_FORMATS)[number];

/** The Authority's consolidated report to the City People's Committee for a period, one version. */
export interface CityReport {
  id: number;
  kind: ReportKind;
  period: string;
  periodFrom: string;
  periodTo: string;
  language: 'vi' | 'en';
  version: number;
  supersedesId: number | null;
  state: 'draft' | 'issued';
  createdBy: string;
  createdAt: Date;
  number: number | null;
  year: number | null;
  /** '123/BC-BQL'. */
  documentNumber: string | null;
  issuedAt: Date | null;
  issuedBy: string | null;
  files: ReportFileMeta[];
}
