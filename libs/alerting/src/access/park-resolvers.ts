import { Injectable } from '@nestjs/common';
import { ParkResolver, ParkResolverProvider } from '@hp/contracts';
import { AlertsRepository } from '../storage/alerts.repository';

/** The park of an alert, by its id; a city-wide alert (no park) is no park operator's. */
@Injectable()
@ParkResolverProvider()
export class AlertParkResolver implements ParkResolver {
  readonly kind = 'alert';
  constructor(private readonly alerts: AlertsRepository) {}

  async parksOf(id: unknown): Promise<readonly number[] | null> {
    const alert = await this.alerts.find(Number(id));
    if (!alert) return null;
    return alert.parkId === null ? [] : [alert.parkId];
  }
}
