export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportSubscription {
  id: number;
  email: string;
  language: 'vi' | 'en';
  periodKinds: ('month' | 'quarter' | 'year')[];
  formats: ReportFormat[];
  /** One park's report only; null: the whole city. */
  parkId: number | null;
  parkCode: string | null;
  createdBy: string | null;
  active: boolean;
  createdAt: Date;
}

export type ReportSubscriptionInput = Pick<
  ReportSubscription,
  'email' | 'language' | 'periodKinds' | 'formats'
> & {
  parkId?: number | null;
  createdBy?: string | null;
};

export interface ReportFileMeta {
  format: ReportFormat;
  filename: string;
  contentType: string;
  bytes: number;
  sha256: string;
}

/** One generated report (metadata; the file bytes are fetched one at a time). */
export interface ReportRun {
  id: number;
  kind: 'month' | 'quarter' | 'year';
  period: string;
  language: 'vi' | 'en';
  /** A park code, or '' for the whole city. */
  scope: string;
  /** 1 for the first generation of the key; each generation again is the next version. */
  version: number;
  periodFrom: string;
  periodTo: string;
  status: 'ready' | 'failed';
  trigger: 'schedule' | 'request';
  requestedBy: string | null;
  generatedAt: Date;
  error: string | null;
  files: ReportFileMeta[];
}

export type ReportRunKey = Pick<ReportRun, 'kind' | 'period' | 'language' | 'scope'>;

export type ReportRunInput = Omit<ReportRun, 'id' | 'version' | 'status' | 'error' | 'files'> & {
  files: (ReportFileMeta & { content: Buffer })[];
};
