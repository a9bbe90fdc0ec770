import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@hp/audit';
import { DomainError, DomainErrorCode } from '@hp/contracts';
import { RegistryReader } from '@hp/registry';
import { Database, DATABASE } from '@hp/storage';
import { ProgressReportBuilder } from '../model/progress-report';
import { ReportPeriod } from '../model/report-period';
import { ReportSubmissionsRepository } from '../storage/report-submissions.repository';
import {
  ReportSubmission,
  SubmissionAction,
  SubmissionNarrative,
  SubmissionState,
} from '../storage/reporting-chain.types';

/** Where each action may start from, and where it leaves the submission. */
const TRANSITIONS: Readonly<
  Record<Exclude<SubmissionAction, 'create'>, { from: readonly SubmissionState[]; to?: SubmissionState }>
> = {
  // An edit keeps the state: a draft, or a returned submission being corrected.
  edit: { from: ['draft', 'returned'] },
  submit: { from: ['draft'], to: 'submitted' },
  resubmit: { from: ['returned'], to: 'resubmitted' },
  return: { from: ['submitted', 'resubmitted'], to: 'returned' },
  approve: { from: ['submitted', 'resubmitted'], to: 'approved' },
};

const DONE: Readonly<Record<Exclude<SubmissionAction, 'create'>, string>> = {
  edit: 'edited',
  submit: 'submitted',
  resubmit: 'resubmitted',
  return: 'returned',
  approve: 'approved',
};

/**
 * The parks' periodic reports to the Planning department (plan 624/KH-BQL section IV): a park drafts its
 * narrative over the platform's figures for the park, submits it (the figures frozen then), the department
 * returns it with comments or approves it. Every transition is stored with who and when, and audited.
 */
@Injectable()
export class ReportSubmissionsService {
  private readonly submissions: ReportSubmissionsRepository;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly builder: ProgressReportBuilder,
    private readonly registry: RegistryReader,
  ) {
    this.submissions = new ReportSubmissionsRepository(db);
  }

  async create(
    parkCode: string,
    period: ReportPeriod,
    narrative: SubmissionNarrative,
    actor: string,
    now = new Date(),
  ): Promise<ReportSubmission> {
    const park = await this.registry.parks.findByCode(parkCode);
    if (!park) throw DomainError.notFound('park', parkCode);
    const figures = await this.figures(parkCode, period, now);
    const id = await this.db.transaction(async (tx) => {
      const created = await new ReportSubmissionsRepository(tx).insert({
        parkId: park.id,
        kind: period.kind,
        period: period.key,
        periodFrom: period.from,
        periodTo: period.to,
        figures,
        createdBy: actor,
        ...narrative,
      });
      if (created === null)
        throw new DomainError(
          DomainErrorCode.Conflict,
          `park ${parkCode} already has a submission for ${period.kind} ${period.key}`,
          { reason: 'SUBMISSION_EXISTS', park: parkCode, period: period.key },
        );
      await new ReportSubmissionsRepository(tx).recordEvent(created, {
        action: 'create',
        state: 'draft',
        actor,
        at: now,
      });
      await new AuditTrail(tx).append({
        actor,
        action: 'report_submission.create',
        subject: `report_submission:${created}`,
        after: { park: parkCode, kind: period.kind, period: period.key, state: 'draft', ...narrative },
      });
      return created;
    });
    return (await this.submissions.find(id))!;
  }

  /** Changes the narrative of a draft or of a returned submission. */
  edit(
    id: number,
    narrative: SubmissionNarrative,
    actor: string,
    now = new Date(),
  ): Promise<ReportSubmission> {
    return this.move(id, 'edit', actor, now, { narrative });
  }

  /** Submits a draft, or resubmits a returned one; the park's figures are frozen as they are now. */
  async submit(
    id: number,
    actor: string,
    narrative?: SubmissionNarrative,
    now = new Date(),
  ): Promise<ReportSubmission> {
    const current = await this.get(id);
    const action = current.state === 'returned' ? 'resubmit' : 'submit';
    const figures = await this.figures(current.parkCode, periodOf(current), now);
    return this.move(id, action, actor, now, { narrative, figures });
  }

  /** Returns a submission to its park with the reviewer's comments. */
  return(id: number, comment: string, actor: string, now = new Date()): Promise<ReportSubmission> {
    return this.move(id, 'return', actor, now, { comment });
  }

  approve(id: number, actor: string, comment: string | null, now = new Date()): Promise<ReportSubmission> {
    return this.move(id, 'approve', actor, now, { comment });
  }

  async get(id: number): Promise<ReportSubmission> {
    const found = await this.submissions.find(id);
    if (!found) throw DomainError.notFound('report submission', id);
    return found;
  }

  list(filter: {
    kind?: string;
    period?: string;
    state?: SubmissionState;
    parkCode?: string;
  }): Promise<ReportSubmission[]> {
    return this.submissions.list(filter);
  }

  /** The park of a submission (the access guard's resolver). */
  parkOf(id: number): Promise<number | null> {
    return this.submissions.parkOf(id);
  }

  private async move(
    id: number,
    action: Exclude<SubmissionAction, 'create'>,
    actor: string,
    now: Date,
    changes: { narrative?: SubmissionNarrative; figures?: unknown; comment?: string | null },
  ): Promise<ReportSubmission> {
    const before = await this.get(id);
    const { from, to } = TRANSITIONS[action];
    const state = to ?? before.state;
    await this.db.transaction(async (tx) => {
      const repository = new ReportSubmissionsRepository(tx);
      const moved = await repository.transition(id, from, state, changes, now);
      if (!moved) {
        const current = (await repository.find(id))?.state ?? before.state;
        throw new DomainError(
          DomainErrorCode.Conflict,
          `report submission ${id} is ${current}: it cannot be ${DONE[action]} (only when ${from.join(' or ')})`,
          { reason: 'SUBMISSION_STATE', state: current, action, allowedFrom: from },
        );
      }
      await repository.recordEvent(id, { action, state, actor, at: now, comment: changes.comment ?? null });
      await new AuditTrail(tx).append({
        actor,
        action: `report_submission.${action}`,
        subject: `report_submission:${id}`,
        before: { state: before.state, ...narrativeOf(before) },
        after: { state, ...(changes.narrative ?? narrativeOf(before)), comment: changes.comment ?? null },
      });
    });
    return this.get(id);
  }

  /** The platform's figures for the park and period, as plain JSON (the progress report model). */
  private async figures(parkCode: string, period: ReportPeriod, now: Date): Promise<unknown> {
    return JSON.parse(JSON.stringify(await this.builder.build(period, parkCode, now))) as unknown;
  }
}

function narrativeOf(s: SubmissionNarrative): SubmissionNarrative {
  return { progress: s.progress, difficulties: s.difficulties, proposals: s.proposals };
}

function periodOf(s: ReportSubmission): ReportPeriod {
  return { kind: s.kind, key: s.period, from: s.periodFrom, to: s.periodTo };
}
