import type { SparkplugSessionCause } from '@hp/contracts';
import type { DecodedMetric, DecodedPayload } from './payload';
import type { SparkplugTopic } from './topic';

/** Fewest milliseconds between two rebirth requests to one edge node. */
export const DEFAULT_REBIRTH_INTERVAL_MS = 5_000;

/** A metric of an accepted message with its name (given, or resolved from the birth's alias). */
export interface ResolvedMetric {
  readonly name: string;
  readonly metric: DecodedMetric;
}

/** What the host does with one message, decided by the edge node's session. */
export type SessionVerdict =
  /** NBIRTH/DBIRTH (metrics carry the current values) or NDATA/DDATA in sequence: store the metrics. */
  | { readonly kind: 'birth' | 'data'; readonly metrics: readonly ResolvedMetric[] }
  /** NDEATH with the birth's bdSeq: the node and its devices are offline. */
  | { readonly kind: 'node-death' }
  /** DDEATH in sequence: the device is offline. */
  | { readonly kind: 'device-death' }
  /**
   * Not applied: the cause says why. `rebirth` is true when a Rebirth request should be sent now (the
   * session is out of step and no request went to this node in the last interval).
   */
  | { readonly kind: 'ignored'; readonly cause: SparkplugSessionCause; readonly rebirth: boolean };

interface DeviceSession {
  online: boolean;
  aliases: Map<number, string>;
}

interface NodeSession {
  /** True between an NBIRTH and the NDEATH, a sequence gap or an unknown alias. */
  born: boolean;
  bdSeq: number | null;
  /** The seq the next message must carry (0-255, wrapping). */
  expectedSeq: number;
  aliases: Map<number, string>;
  devices: Map<string, DeviceSession>;
  lastRebirthRequest: number;
}

/** A node's (or device's) state as the host sees it (for logs and tests). */
export interface SessionSnapshot {
  readonly online: boolean;
  readonly bdSeq: number | null;
  readonly expectedSeq: number;
  readonly devicesOnline: readonly string[];
}

const nodeKey = (t: Pick<SparkplugTopic, 'groupId' | 'edgeNodeId'>) => `${t.groupId}/${t.edgeNodeId}`;

function bdSeqOf(payload: DecodedPayload): number | null {
  const metric = payload.metrics.find((m) => m.name === 'bdSeq');
  return typeof metric?.value === 'number' ? metric.value : null;
}

/**
 * The Sparkplug B 3.0 host application's view of each edge node: births and deaths, the sequence number
 * every NDATA/DBIRTH/DDATA/DDEATH must carry (one counter per edge node, 0-255 wrapping, the NBIRTH
 * starting it), the bdSeq tying an NDEATH to its NBIRTH, and the alias -> metric name maps of the births.
 * A message out of sequence, before a birth, of a device not born, or with an alias no birth defined puts
 * the node out of step: it is ignored, as is everything of that node until its next NBIRTH, and a Rebirth
 * request is due (at most one per `rebirthIntervalMs`). Pure and synchronous: call it in arrival order.
 */
export class SparkplugSessions {
  private readonly nodes = new Map<string, NodeSession>();

  constructor(
    private readonly rebirthIntervalMs = DEFAULT_REBIRTH_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  apply(topic: SparkplugTopic, payload: DecodedPayload): SessionVerdict {
    switch (topic.type) {
      case 'NBIRTH':
        return this.nodeBirth(topic, payload);
      case 'NDEATH':
        return this.nodeDeath(topic, payload);
      case 'NCMD':
      case 'DCMD':
        // Commands (ours included) are for the edge node; they carry no sequence number.
        return { kind: 'ignored', cause: { cause: 'command' }, rebirth: false };
      case 'NDATA':
      case 'DBIRTH':
      case 'DDATA':
      case 'DDEATH':
        return this.sequenced(topic, payload);
    }
  }

  snapshot(groupId: string, edgeNodeId: string): SessionSnapshot | null {
    const node = this.nodes.get(nodeKey({ groupId, edgeNodeId }));
    if (!node) return null;
    return {
      online: node.born,
      bdSeq: node.bdSeq,
      expectedSeq: node.expectedSeq,
      devicesOnline: [...node.devices].filter(([, d]) => d.online).map(([id]) => id),
    };
  }

  private nodeBirth(topic: SparkplugTopic, payload: DecodedPayload): SessionVerdict {
    const seq = payload.seq;
    if (seq === null || !Number.isInteger(seq) || seq < 0 || seq > 255) {
      return this.outOfStep(topic, { cause: 'birth_seq_invalid', received: seq });
    }
    const previous = this.nodes.get(nodeKey(topic));
    const aliases = new Map<number, string>();
    const problem = collectAliases(payload.metrics, aliases);
    const node: NodeSession = {
      born: problem === null,
      bdSeq: bdSeqOf(payload),
      expectedSeq: (seq + 1) % 256,
      aliases,
      devices: new Map(),
      lastRebirthRequest: previous?.lastRebirthRequest ?? Number.NEGATIVE_INFINITY,
    };
    this.nodes.set(nodeKey(topic), node);
    if (problem) return this.outOfStep(topic, problem);
    return { kind: 'birth', metrics: named(payload.metrics) };
  }

  private nodeDeath(topic: SparkplugTopic, payload: DecodedPayload): SessionVerdict {
    const node = this.nodes.get(nodeKey(topic));
    if (!node?.born) return { kind: 'ignored', cause: { cause: 'node_not_online' }, rebirth: false };
    const bdSeq = bdSeqOf(payload);
    // The broker publishes an old session's will late (a reconnect raced it): it must not end the new one.
    if (node.bdSeq !== null && bdSeq !== node.bdSeq) {
      return {
        kind: 'ignored',
        cause: { cause: 'stale_death', received: bdSeq, expected: node.bdSeq },
        rebirth: false,
      };
    }
    node.born = false;
    for (const device of node.devices.values()) device.online = false;
    return { kind: 'node-death' };
  }

  private sequenced(topic: SparkplugTopic, payload: DecodedPayload): SessionVerdict {
    const node = this.nodes.get(nodeKey(topic));
    if (!node?.born) return this.outOfStep(topic, { cause: 'data_before_birth' });
    const seq = payload.seq;
    if (seq !== node.expectedSeq) {
      node.born = false;
      return this.outOfStep(topic, { cause: 'sequence_gap', expected: node.expectedSeq, received: seq });
    }
    node.expectedSeq = (node.expectedSeq + 1) % 256;
    const deviceId = topic.deviceId;
    if (topic.type === 'NDATA') return this.data(topic, node, node.aliases, payload);
    if (deviceId === null) return this.outOfStep(topic, { cause: 'device_id_missing' });
    if (topic.type === 'DBIRTH') {
      const aliases = new Map<number, string>();
      const problem = collectAliases(payload.metrics, aliases);
      if (problem) {
        node.born = false;
        return this.outOfStep(topic, problem);
      }
      node.devices.set(deviceId, { online: true, aliases });
      return { kind: 'birth', metrics: named(payload.metrics) };
    }
    const device = node.devices.get(deviceId);
    if (!device?.online) {
      node.born = false;
      return this.outOfStep(topic, { cause: 'device_not_born', device: deviceId });
    }
    if (topic.type === 'DDEATH') {
      device.online = false;
      return { kind: 'device-death' };
    }
    return this.data(topic, node, device.aliases, payload);
  }

  private data(
    topic: SparkplugTopic,
    node: NodeSession,
    aliases: ReadonlyMap<number, string>,
    payload: DecodedPayload,
  ): SessionVerdict {
    const metrics: ResolvedMetric[] = [];
    for (const metric of payload.metrics) {
      const name = metric.name ?? (metric.alias === null ? undefined : aliases.get(metric.alias));
      if (name === undefined) {
        node.born = false;
        return this.outOfStep(
          topic,
          metric.alias === null
            ? { cause: 'metric_unnamed' }
            : { cause: 'alias_undefined', alias: metric.alias },
        );
      }
      metrics.push({ name, metric });
    }
    return { kind: 'data', metrics };
  }

  /** The node is out of step: ignore the message; a Rebirth request is due unless one went out recently. */
  private outOfStep(topic: SparkplugTopic, cause: SparkplugSessionCause): SessionVerdict {
    const key = nodeKey(topic);
    let node = this.nodes.get(key);
    if (!node) {
      node = {
        born: false,
        bdSeq: null,
        expectedSeq: 0,
        aliases: new Map(),
        devices: new Map(),
        lastRebirthRequest: Number.NEGATIVE_INFINITY,
      };
      this.nodes.set(key, node);
    }
    const now = this.now();
    const rebirth = now - node.lastRebirthRequest >= this.rebirthIntervalMs;
    if (rebirth) node.lastRebirthRequest = now;
    return { kind: 'ignored', cause, rebirth };
  }
}

/** Fills alias -> name from a birth's metrics; a problem when a birth metric has no name or an alias repeats. */
function collectAliases(
  metrics: readonly DecodedMetric[],
  aliases: Map<number, string>,
): SparkplugSessionCause | null {
  for (const metric of metrics) {
    if (metric.name === null) return { cause: 'birth_metric_unnamed' };
    if (metric.alias === null) continue;
    const known = aliases.get(metric.alias);
    if (known !== undefined && known !== metric.name)
      return { cause: 'birth_alias_repeated', alias: metric.alias, metric: known, otherMetric: metric.name };
    aliases.set(metric.alias, metric.name);
  }
  return null;
}

function named(metrics: readonly DecodedMetric[]): ResolvedMetric[] {
  // collectAliases has checked that every birth metric is named.
  return metrics.map((metric) => ({ name: metric.name ?? '', metric }));
}
