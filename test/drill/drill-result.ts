// The drill's last line (one JSON object), as cluster-drill.ts prints it and its CI spec reads it.

/** One fault: readings through it, alerts, and how the API and the pipeline fared. */
export interface ScenarioFigures {
  name: string;
  published: number;
  acknowledged: number;
  stored: number;
  lost: number;
  duplicated: number;
  alertsExpected: number;
  alertsNotified: number;
  apiAvailability: number;
  recoverSeconds: number;
}

export interface DrillResult {
  drill: 'cluster';
  size: 'tiny' | 'full';
  brokerNodes: number;
  lost: number;
  duplicates: number;
  alertsExpected: number;
  alertsNotified: number;
  scenarios: ScenarioFigures[];
}
