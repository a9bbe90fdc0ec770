// Child process of the ingestion benchmark: publishes the fleet's messages as fast as the broker takes
// them (QoS 1, a bounded window of unacknowledged messages per connection) and reports when done.
// Each message is one station's 10 readings at one time; the Flow value carries the publish time
// (ms since the run's epoch) so the database can tell publish-to-commit latency.
import { connectAsync, MqttClient } from 'mqtt';

interface PublisherJob {
  url: string;
  parkCode: string;
  stations: string[];
  messagesPerStation: number;
  connections: number;
  window: number;
  epochMs: number;
  baseTimeMs: number;
  topicRoot: string;
}

const PARAMS: [string, string, number][] = [
  ['Temp', 'degC', 27.5],
  ['pH', 'pH', 7.1],
  ['TSS', 'mg/L', 18],
  ['COD', 'mg/L', 42],
  ['NH4', 'mg/L', 2.1],
  ['TN', 'mg/L', 12],
  ['TP', 'mg/L', 1.4],
  ['Color', 'Pt-Co', 20],
  ['TOC', 'mg/L', 15],
];

const TEMPLATE_HEAD = '{"readings":[';
const TEMPLATE = PARAMS.map(([parameter, unit, value]) =>
  JSON.stringify({ parameter, value, unit, time: '@T', status: '00' }),
).join(',');

function iso(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
}

async function run(job: PublisherJob): Promise<void> {
  const clients: MqttClient[] = [];
  for (let c = 0; c < job.connections; c++) {
    clients.push(
      await connectAsync(job.url, {
        protocolVersion: 5,
        clientId: `bench-pub-${process.pid}-${c}`,
        clean: true,
      }),
    );
  }
  const total = job.stations.length * job.messagesPerStation;
  let next = 0;
  const started = Date.now();
  await Promise.all(
    clients.map(async (client) => {
      const inFlight = new Set<Promise<unknown>>();
      for (;;) {
        const i = next++;
        if (i >= total) break;
        const station = job.stations[i % job.stations.length];
        const seq = Math.floor(i / job.stations.length);
        const time = iso(job.baseTimeMs + seq * 1000);
        // The same JSON as JSON.stringify({ readings }) would give, built from a template: the fleet
        // shares the two cores with the system under test, so it should cost as little as it can.
        const payload = `${TEMPLATE_HEAD}${TEMPLATE.replaceAll('@T', time)},{"parameter":"Flow","value":${Date.now() - job.epochMs},"unit":"m3/h","time":"${time}","status":"00"}]}`;
        const p = client.publishAsync(
          `${job.topicRoot}/parks/${job.parkCode}/stations/${station}/telemetry`,
          payload,
          { qos: 1 },
        );
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        if (inFlight.size >= job.window) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.endAsync()));
  process.send?.({ published: total, seconds });
}

process.once('message', (job: PublisherJob) => {
  run(job).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('publisher failed:', error);
      process.exit(1);
    },
  );
});
