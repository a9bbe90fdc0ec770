import { Database } from '@hp/storage';

/** One configured Sparkplug B metric: (group, edge node, device, metric name) -> (station, parameter, unit). */
export interface SparkplugMetricMapping {
  readonly groupId: string;
  readonly edgeNodeId: string;
  /** '' for a metric of the edge node itself. */
  readonly deviceId: string;
  readonly metricName: string;
  readonly parkCode: string;
  readonly stationCode: string;
  readonly parameterCode: string;
  readonly unit: string;
}

export interface SparkplugMetricMappingInput {
  readonly groupId: string;
  readonly edgeNodeId: string;
  readonly deviceId: string;
  readonly metricName: string;
  readonly stationId: number;
  readonly parameterCode: string;
  readonly unit: string;
}

const SELECT = `SELECT m.group_id AS "groupId", m.edge_node_id AS "edgeNodeId", m.device_id AS "deviceId",
    m.metric_name AS "metricName", k.code AS "parkCode", s.code AS "stationCode",
    m.parameter_code AS "parameterCode", m.unit
   FROM sparkplug_metric_mappings m
   JOIN stations s ON s.id = m.station_id
   JOIN treatment_plants p ON p.id = s.plant_id
   JOIN parks k ON k.id = p.park_id`;

/** The Sparkplug B metric mapping (configuration, loaded from a file). */
export class SparkplugMappingsRepository {
  constructor(private readonly db: Database) {}

  async list(): Promise<SparkplugMetricMapping[]> {
    return (
      await this.db.query<SparkplugMetricMapping>(
        `${SELECT} ORDER BY m.group_id, m.edge_node_id, m.device_id, m.metric_name`,
      )
    ).rows;
  }

  /**
   * Replaces, in one transaction, the whole mapping of every edge node the input names (a node's metrics
   * not in the input are removed); other edge nodes keep theirs. Returns the rows written.
   */
  async replaceForEdgeNodes(mappings: readonly SparkplugMetricMappingInput[]): Promise<number> {
    const nodes = [...new Set(mappings.map((m) => JSON.stringify([m.groupId, m.edgeNodeId])))].map(
      (key) => JSON.parse(key) as [string, string],
    );
    return this.db.transaction(async (tx) => {
      await tx.query(
        `DELETE FROM sparkplug_metric_mappings m
          USING unnest($1::text[], $2::text[]) AS n(group_id, edge_node_id)
          WHERE m.group_id = n.group_id AND m.edge_node_id = n.edge_node_id`,
        [nodes.map((n) => n[0]), nodes.map((n) => n[1])],
      );
      for (const m of mappings) {
        await tx.query(
          `INSERT INTO sparkplug_metric_mappings
             (group_id, edge_node_id, device_id, metric_name, station_id, parameter_code, unit)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [m.groupId, m.edgeNodeId, m.deviceId, m.metricName, m.stationId, m.parameterCode, m.unit],
        );
      }
      return mappings.length;
    });
  }
}
