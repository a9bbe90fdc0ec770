import { Injectable } from '@nestjs/common';
import { StationsRepository } from '@hp/storage';

/** How often an unknown station may trigger a reload of the registry (a flood of bad topics must not hammer it). */
export const STATION_DIRECTORY_RELOAD_MS = 5_000;

/** Resolves a telemetry topic's park and station codes to a station id, from a cache of the registry. */
@Injectable()
export class StationDirectory {
  private byKey = new Map<string, number>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly stations: StationsRepository) {}

  async resolve(parkCode: string, stationCode: string): Promise<number | null> {
    const key = `${parkCode}/${stationCode}`;
    const cached = this.byKey.get(key);
    if (cached !== undefined) return cached;
    if (Date.now() - this.loadedAt >= STATION_DIRECTORY_RELOAD_MS) await this.reload();
    return this.byKey.get(key) ?? null;
  }

  /** Reloads now (one load at a time; concurrent callers share it). */
  reload(): Promise<void> {
    this.loading ??= this.stations
      .listRefs()
      .then((refs) => {
        this.byKey = new Map(refs.filter((r) => r.active).map((r) => [`${r.parkCode}/${r.code}`, r.id]));
        this.loadedAt = Date.now();
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
