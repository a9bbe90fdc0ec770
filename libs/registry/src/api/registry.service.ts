import { Inject, Injectable } from '@nestjs/common';
import { DomainError, isWaterParameterCode, WATER_PARAMETER_CODES } from '@hp/contracts';
import { DevicesRepository } from '../storage/devices.repository';
import { DischargePermitsRepository } from '../storage/discharge-permits.repository';
import { ParameterCadencesRepository } from '../storage/parameter-cadences.repository';
import { ParksRepository } from '../storage/parks.repository';
import { Park, Station, TreatmentPlant } from '../storage/registry.types';
import { StationsRepository } from '../storage/stations.repository';
import { TreatmentPlantsRepository } from '../storage/treatment-plants.repository';
import {
  ParameterCadenceDto,
  ParkDto,
  StationDetailDto,
  StationDto,
  StationSummaryDto,
  TreatmentPlantDto,
} from './registry.dto';

/** Largest id a serial column holds; a larger one cannot exist. */
const MAX_ID = 2 ** 31 - 1;

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function toStationSummary({
  plantId: _plant,
  createdAt: _c,
  updatedAt: _u,
  ...station
}: Station): StationSummaryDto {
  return station;
}

/** Plants and their stations, grouped for assembling park views. */
class PlantTree {
  private readonly plantsByPark: Map<number, TreatmentPlant[]>;
  private readonly stationsByPlant: Map<number, Station[]>;

  constructor(plants: readonly TreatmentPlant[], stations: readonly Station[]) {
    this.plantsByPark = groupBy(plants, (p) => p.parkId);
    this.stationsByPlant = groupBy(stations, (s) => s.plantId);
  }

  park({ createdAt: _c, updatedAt: _u, ...park }: Park): ParkDto {
    return {
      ...park,
      treatmentPlants: (this.plantsByPark.get(park.id) ?? []).map((plant) => this.plant(plant)),
    };
  }

  private plant({
    parkId: _park,
    createdAt: _c,
    updatedAt: _u,
    ...plant
  }: TreatmentPlant): TreatmentPlantDto {
    return { ...plant, stations: (this.stationsByPlant.get(plant.id) ?? []).map(toStationSummary) };
  }
}

/** Read views of the registry for its routes, assembled from its repositories' list/find calls. */
@Injectable()
export class RegistryService {
  constructor(
    @Inject(ParksRepository) private readonly parks: ParksRepository,
    @Inject(TreatmentPlantsRepository) private readonly plants: TreatmentPlantsRepository,
    @Inject(StationsRepository) private readonly stations: StationsRepository,
    @Inject(DischargePermitsRepository) private readonly permits: DischargePermitsRepository,
    @Inject(DevicesRepository) private readonly devices: DevicesRepository,
    @Inject(ParameterCadencesRepository) private readonly cadences: ParameterCadencesRepository,
  ) {}

  /** Every park by code, with its treatment plants and their stations. */
  async listParks(): Promise<ParkDto[]> {
    const [parks, tree] = await Promise.all([this.parks.list(), this.plantTree()]);
    return parks.map((park) => tree.park(park));
  }

  /** @throws DomainError NOT_FOUND for an unknown code. */
  async getPark(code: string): Promise<ParkDto> {
    const [park, tree] = await Promise.all([this.parks.findByCode(code), this.plantTree()]);
    if (park === null) throw DomainError.notFound('park', code);
    return tree.park(park);
  }

  /** Every station with the codes of its plant and park, by park code then station code. */
  async listStations(): Promise<StationDto[]> {
    const [stations, plants, parks] = await Promise.all([
      this.stations.list(),
      this.plants.list(),
      this.parks.list(),
    ]);
    const plantById = new Map(plants.map((p) => [p.id, p]));
    const parkById = new Map(parks.map((p) => [p.id, p]));
    return stations
      .map((station) => {
        const plant = plantById.get(station.plantId)!;
        return this.toStation(station, plant, parkById.get(plant.parkId)!);
      })
      .sort((a, b) => a.parkCode.localeCompare(b.parkCode) || a.code.localeCompare(b.code));
  }

  /**
   * One station with its plant and park codes, its discharge permits and its devices.
   * @throws DomainError NOT_FOUND when no station has the id (parsed by the route: see input.id).
   */
  async getStation(stationId: number): Promise<StationDetailDto> {
    const station = stationId >= 1 && stationId <= MAX_ID ? await this.stations.findById(stationId) : null;
    if (station === null) throw DomainError.notFound('station', stationId);
    const plant = (await this.plants.findById(station.plantId))!;
    const [park, permits, devices, cadences] = await Promise.all([
      this.parks.findById(plant.parkId),
      this.permits.listByStation(station.id),
      this.devices.list(),
      this.cadences.forStation(station.id, WATER_PARAMETER_CODES),
    ]);
    return {
      ...this.toStation(station, plant, park!),
      permits: permits.map(({ createdAt: _createdAt, stationId: _stationId, ...permit }) => permit),
      devices: devices
        .filter((d) => d.stationId === station.id)
        .map((d) => ({ id: d.id, code: d.code, kind: d.kind })),
      cadences: [...cadences.values()],
    };
  }

  /**
   * Registers a station's measurement cadence for a parameter (its analyser's cycle), or with null drops it
   * so the parameter's default applies again; returns every cadence of the station. Days already judged
   * keep the cadence they were judged by until they are judged again.
   * @throws DomainError NOT_FOUND for an unknown station, INVALID_ARGUMENT for a bad parameter or cadence.
   */
  async setStationCadence(
    stationId: number,
    parameter: string,
    cadenceSeconds: number | null,
  ): Promise<ParameterCadenceDto[]> {
    if (!isWaterParameterCode(parameter))
      throw DomainError.invalid('parameter', 'must be a Circular 10/2021 parameter code, e.g. COD');
    const value = cadenceSeconds;
    // The body's schema takes a whole number of seconds up to a day; whole records per day is this rule's.
    if (value !== null && 86_400 % value !== 0)
      throw DomainError.invalid(
        'cadenceSeconds',
        'must be a whole number of seconds that divides the day (e.g. 300, 900, 1800), or null for the default',
      );
    const station = await this.stations.findById(stationId);
    if (station === null) throw DomainError.notFound('station', stationId);
    if (value === null) await this.cadences.clearForStation(stationId, parameter);
    else await this.cadences.setForStation(stationId, parameter, value);
    return [...(await this.cadences.forStation(stationId, WATER_PARAMETER_CODES)).values()];
  }

  private async plantTree(): Promise<PlantTree> {
    const [plants, stations] = await Promise.all([this.plants.list(), this.stations.list()]);
    return new PlantTree(plants, stations);
  }

  private toStation(station: Station, plant: TreatmentPlant, park: Park): StationDto {
    return { ...toStationSummary(station), plantId: plant.id, plantCode: plant.code, parkCode: park.code };
  }
}
