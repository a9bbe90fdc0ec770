import { Injectable } from '@nestjs/common';
import { ParkResolver, ParkResolverProvider } from '@hp/contracts';
import { ReportSubmissionsService } from '../chain/report-submissions.service';

/** The park of a park's report submission, by its id. */
@Injectable()
@ParkResolverProvider()
export class ReportSubmissionParkResolver implements ParkResolver {
  readonly kind = 'report-submission';
  constructor(private readonly submissions: ReportSubmissionsService) {}

  async parksOf(id: unknown): Promise<readonly number[] | null> {
    const parkId = await this.submissions.parkOf(Number(id));
    return parkId === null ? null : [parkId];
  }
}
