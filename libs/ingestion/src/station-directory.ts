import { Injectable } from '@nestjs/common';
import { RegistryReader } from '@hp/registry';

/** How often an unknown station may trigger a reload of the registry (a flood of bad topics must not hammer it). */
export const STATION_DIRECTORY_RELOAD_MS = 5_000;

/** How long a gateway's park is remembered. */
export const GATEWAY_CACHE_MS = 30_000;

/**
 * The registry could not be read (its database unavailable, failing over): that says nothing about the
 * message waiting on it, which is therefore neither stored nor quarantined, but left unacknowledged.
 */
export class RegistryUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`registry unavailable: ${(cause as Error | undefined)?.message ?? String(cause)}`);
    this.name = 'RegistryUnavailableError';
  }
}

function unavailable(cause: unknown): never {
  throw new RegistryUnavailableError(cause);
}

/** Resolves a telemetry topic's park and station codes to a station id, from a cache of the registry. */
@Injectable()
export class StationDirectory {
  private byKey = new Map<string, number>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  private readonly gateways = new Map<string, { parkCode: string | null; at: number }>();

  constructor(private readonly registry: RegistryReader) {}

  /** The park a gateway device reports for; null when the code is not a registered gateway. Cached briefly. */
  async gatewayPark(gatewayCode: string): Promise<string | null> {
    const cached = this.gateways.get(gatewayCode);
    if (cached && Date.now() - cached.at < GATEWAY_CACHE_MS) return cached.parkCode;
    const device = await this.registry.devices.findRefByCode(gatewayCode).catch(unavailable);
    const parkCode = device?.kind === 'gateway' ? device.parkCode : null;
    if (this.gateways.size > 10_000) this.gateways.clear();
    this.gateways.set(gatewayCode, { parkCode, at: Date.now() });
    return parkCode;
  }

  async resolve(parkCode: string, stationCode: string): Promise<number | null> {
    const key = `${parkCode}/${stationCode}`;
    const cached = this.byKey.get(key);
    if (cached !== undefined) return cached;
    if (Date.now() - this.loadedAt >= STATION_DIRECTORY_RELOAD_MS) await this.reload();
    return this.byKey.get(key) ?? null;
  }

  /** Reloads now (one load at a time; concurrent callers share it). */
  reload(): Promise<void> {
    this.loading ??= this.registry.stations
      .listRefs()
      .catch(unavailable)
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
