import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { SmtpMailer } from '@hp/alerting';
import { defineJob, JOB_QUEUE, JobQueue, OnJob, PayloadOf, RetryPolicy } from '@hp/queue';
import { REPORT_LANGUAGES, ReportLanguage, translator } from '../model/messages';
import { parseReportPeriod, previousReportPeriod, ReportKind, ReportPeriod } from '../model/report-period';
import { ReportsService } from '../reports.service';
import { ReportDeliveriesRepository } from '../storage/report-deliveries.repository';
import { ReportRunsRepository } from '../storage/report-runs.repository';
import { ReportSubscriptionsRepository } from '../storage/report-subscriptions.repository';
import { ReportSubscription } from '../storage/reports.types';
import { REPORT_MAIL_SETTINGS, ReportMailSettings } from './report-mail-settings';

/** Reading a period's figures is idempotent; retried over about half an hour if the database is away. */
export const REPORT_GENERATE_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 60_000 },
};

/** A report e-mail retried for about 2 hours (30 s doubling), e.g. while the mail relay is down. */
export const REPORT_EMAIL_RETRY_POLICY: RetryPolicy = {
  attempts: 8,
  backoff: { type: 'exponential', delayMs: 30_000 },
};

/** Progress reports: generated on a calendar schedule, then e-mailed to subscribers. */
const REPORTS_QUEUE = { name: 'reports' };

/**
 * Generate the progress reports of a period (vi and en, city-wide and each subscribed park) and e-mail
 * them to the subscribers of its kind. Without `period` ('2026-10', '2026-Q4', '2026'): the last complete
 * period before the job runs (what the calendar schedule wants).
 */
export const REPORT_GENERATE_JOB = defineJob<{ readonly kind: ReportKind; readonly period?: string }>({
  name: 'report.generate',
  queue: REPORTS_QUEUE,
  retry: REPORT_GENERATE_RETRY_POLICY,
});

/** E-mail one report run (report_runs.id) to one subscription, once. */
export const REPORT_EMAIL_JOB = defineJob<{ readonly runId: number; readonly subscriptionId: number }>({
  name: 'report.email',
  queue: REPORTS_QUEUE,
  retry: REPORT_EMAIL_RETRY_POLICY,
});

/** Reports' jobs, for the platform's job catalogue. */
export const REPORT_JOBS = [REPORT_GENERATE_JOB, REPORT_EMAIL_JOB] as const;

/** Hai Phong time: the calendar of the schedules below. */
export const REPORT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * When each kind of report is made, for the period just ended: the 1st of each month, of each quarter's
 * first month, and 1 January, at 06:00 (after the night's compliance recompute has settled the last day).
 */
export const REPORT_SCHEDULES: Readonly<Record<ReportKind, string>> = {
  month: '0 6 1 * *',
  quarter: '0 6 1 1,4,7,10 *',
  year: '0 6 1 1 *',
};

/**
 * The worker's report jobs: `report.generate` makes a period's reports (both languages city-wide, and
 * each park and language someone subscribed to) and queues one `report.email` per subscription, which
 * sends that subscriber's formats as attachments, once.
 */
@Injectable()
export class ReportJobs implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReportJobs.name);
  private readonly mailer: SmtpMailer | null;

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly reports: ReportsService,
    private readonly runs: ReportRunsRepository,
    private readonly subscriptions: ReportSubscriptionsRepository,
    private readonly deliveries: ReportDeliveriesRepository,
    @Inject(REPORT_MAIL_SETTINGS) settings: ReportMailSettings,
  ) {
    this.mailer = settings.smtpUrl ? new SmtpMailer(settings.smtpUrl, settings.mailFrom) : null;
  }

  async onModuleInit(): Promise<void> {
    for (const [kind, pattern] of Object.entries(REPORT_SCHEDULES) as [ReportKind, string][]) {
      await this.queue.scheduleCron(
        REPORT_GENERATE_JOB,
        { kind },
        { id: `reports:${kind}`, pattern, tz: REPORT_TIME_ZONE },
      );
    }
  }

  onApplicationShutdown(): void {
    this.mailer?.close();
  }

  @OnJob(REPORT_GENERATE_JOB)
  async generateJob(payload: PayloadOf<typeof REPORT_GENERATE_JOB>): Promise<void> {
    await this.generate(payload);
  }

  /** Generates the period's reports and queues their e-mails; returns the period. */
  async generate(payload: PayloadOf<typeof REPORT_GENERATE_JOB>, now = new Date()): Promise<ReportPeriod> {
    const period = payload.period
      ? parseReportPeriod(payload.period, payload.kind)
      : previousReportPeriod(payload.kind, now);
    const subscribers = await this.subscriptions.activeFor(period.kind);
    const wanted = new Map<string, { parkCode: string | null; language: ReportLanguage }>();
    for (const language of REPORT_LANGUAGES) wanted.set(`|${language}`, { parkCode: null, language });
    for (const s of subscribers)
      wanted.set(`${s.parkCode ?? ''}|${s.language}`, { parkCode: s.parkCode, language: s.language });
    const runIds = new Map<string, number>();
    for (const [key, { parkCode, language }] of wanted) {
      const { run } = await this.reports.generate({ period, language, parkCode, trigger: 'schedule' }, now);
      runIds.set(key, run.id);
    }
    for (const s of subscribers) {
      const runId = runIds.get(`${s.parkCode ?? ''}|${s.language}`)!;
      // The job id makes a repeated generation queue each e-mail once while it waits.
      await this.queue.add(
        REPORT_EMAIL_JOB,
        { runId, subscriptionId: s.id },
        { jobId: `report.email-${runId}-${s.id}` },
      );
    }
    this.logger.log(
      `${period.kind} ${period.key}: ${wanted.size} report(s), ${subscribers.length} e-mail(s) queued`,
    );
    return period;
  }

  @OnJob(REPORT_EMAIL_JOB)
  async email({ runId, subscriptionId }: PayloadOf<typeof REPORT_EMAIL_JOB>): Promise<void> {
    if (await this.deliveries.wasSent(runId, subscriptionId)) return;
    const [run, subscription] = await Promise.all([
      this.runs.find(runId),
      this.subscriptions.find(subscriptionId),
    ]);
    if (!run || !subscription?.active) return; // removed meanwhile: nothing to send
    if (!this.mailer) {
      this.logger.warn(
        `report run ${runId} not e-mailed to subscription ${subscriptionId}: ALERT_SMTP_URL is not set`,
      );
      return;
    }
    const attachments = [];
    for (const format of subscription.formats) {
      const file = await this.runs.file(runId, format);
      if (file)
        attachments.push({ filename: file.filename, content: file.content, contentType: file.contentType });
    }
    await this.mailer.send({
      to: subscription.email,
      ...message(run.period, run.kind, subscription),
      attachments,
    });
    await this.deliveries.recordSent(runId, subscriptionId);
  }
}

function message(
  periodKey: string,
  kind: ReportKind,
  subscription: ReportSubscription,
): { subject: string; text: string } {
  const t = translator(subscription.language);
  const period = t.period(parseReportPeriod(periodKey, kind));
  const scope = subscription.parkCode ?? t('allParks');
  return {
    subject: `${t('title')}: ${period} (${scope})`,
    text: `${t('title')}\n${t('period')}: ${period}\n${t('scope')}: ${scope}\n`,
  };
}
