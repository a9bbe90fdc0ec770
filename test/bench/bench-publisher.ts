// Child process of the ingestion benchmark: publishes the fleet's messages as fast as the broker takes
// them (QoS 1, a bounded window of unacknowledged messages per connection) and reports when done.
// Each message is one station's 10 readings at one time; the Flow value carries the publish time
// (ms since the run's epoch) so the database can tell publish-to-commit latency.
//
// The fleet shares the two cores with the system under test, so it speaks MQTT through mqtt-packet on
// a bare socket (the packets a device's client would send, without a full client's per-message
// bookkeeping): a real fleet runs on its own devices and costs the platform's machine nothing.
import { connect as connectTcp, Socket } from 'node:net';
import { generate, parser } from 'mqtt-packet';

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
  /** Readings per second to hold (10 per message); unset: as fast as the broker takes them. */
  readingsPerSecond?: number;
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

const V5 = { protocolVersion: 5 } as const;

/** One MQTT 5 connection that publishes at QoS 1 with at most `window` messages unacknowledged. */
class Connection {
  private readonly parser = parser({ protocolVersion: 5 });
  private inFlight = 0;
  private nextId = 1;
  private wake: (() => void) | null = null;
  private connected: (() => void) | null = null;
  private failed: ((error: Error) => void) | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.parser.parse(chunk));
    socket.on('error', (error) => this.failed?.(error));
    socket.on('close', () => {
      if (!this.closing) this.failed?.(new Error('the broker closed the connection'));
    });
    this.parser.on('error', (error) => this.failed?.(error));
    this.parser.on('packet', (packet) => {
      if (packet.cmd === 'connack') {
        if ((packet.reasonCode ?? packet.returnCode ?? 0) !== 0)
          this.failed?.(new Error(`CONNACK refused: ${packet.reasonCode ?? packet.returnCode}`));
        else this.connected?.();
      } else if (packet.cmd === 'disconnect') {
        this.failed?.(new Error(`the broker disconnected: reason ${packet.reasonCode}`));
      } else if (packet.cmd === 'puback') {
        this.inFlight--;
        const wake = this.wake;
        this.wake = null;
        wake?.();
      }
    });
  }

  static async open(url: string, clientId: string): Promise<Connection> {
    const { hostname, port } = new URL(url);
    const socket = connectTcp(Number(port || 1883), hostname);
    socket.setNoDelay(true);
    const connection = new Connection(socket);
    await new Promise<void>((resolve, reject) => {
      connection.failed = reject;
      connection.connected = () => {
        // From here on a broken connection ends the run: a silent stall would read as lost readings.
        connection.failed = (error) => {
          console.error('publisher failed:', error.message);
          process.exit(1);
        };
        resolve();
      };
      socket.write(generate({ cmd: 'connect', protocolVersion: 5, clientId, clean: true, keepalive: 60 }));
    });
    return connection;
  }

  /** Sends one message; waits first while the window is full. */
  async publish(topic: string, payload: string): Promise<void> {
    while (this.inFlight >= this.window) await new Promise<void>((resolve) => (this.wake = resolve));
    this.inFlight++;
    const messageId = this.nextId;
    this.nextId = this.nextId === 65_535 ? 1 : this.nextId + 1;
    // Writes of one turn of the event loop leave in one syscall.
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(
      generate({ cmd: 'publish', qos: 1, dup: false, retain: false, messageId, topic, payload }, V5),
    );
  }

  /** Waits until every message is acknowledged, then disconnects. */
  async close(): Promise<void> {
    while (this.inFlight > 0) await new Promise<void>((resolve) => (this.wake = resolve));
    this.closing = true;
    this.socket.end(generate({ cmd: 'disconnect' }, V5));
  }

  window = 1;
  private corked = false;
  private closing = false;
}

async function run(job: PublisherJob): Promise<void> {
  const connections: Connection[] = [];
  for (let c = 0; c < job.connections; c++) {
    const connection = await Connection.open(job.url, `bench-pub-${process.pid}-${c}`);
    connection.window = job.window;
    connections.push(connection);
  }
  const total = job.stations.length * job.messagesPerStation;
  let next = 0;
  const started = Date.now();
  const cpuAtStart = process.cpuUsage();
  await Promise.all(
    connections.map(async (connection) => {
      for (;;) {
        const i = next++;
        if (i >= total) break;
        if (job.readingsPerSecond) {
          // Paced: message i leaves no earlier than its slot (10 readings a message).
          const due = started + (i * 10_000) / job.readingsPerSecond;
          const wait = due - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const station = job.stations[i % job.stations.length];
        const seq = Math.floor(i / job.stations.length);
        const time = iso(job.baseTimeMs + seq * 1000);
        // The same JSON as JSON.stringify({ readings }) would give, built from a template.
        const payload = `${TEMPLATE_HEAD}${TEMPLATE.replaceAll('@T', time)},{"parameter":"Flow","value":${Date.now() - job.epochMs},"unit":"m3/h","time":"${time}","status":"00"}]}`;
        await connection.publish(
          `${job.topicRoot}/parks/${job.parkCode}/stations/${station}/telemetry`,
          payload,
        );
      }
      await connection.close();
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  // The CPU time of publishing alone (bench:scale), without this process's start-up (ts-node compiling).
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // Exit only once the parent has the report: process.send is asynchronous.
  await new Promise<void>((resolve) =>
    process.send!({ published: total, seconds, cpuSeconds }, () => resolve()),
  );
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
