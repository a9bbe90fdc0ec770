/** The Sparkplug B namespace this host speaks (Sparkplug 3.0 keeps the `spBv1.0` topic namespace). */
export const SPARKPLUG_NAMESPACE = 'spBv1.0';

/** What the ingestion consumer subscribes to (the configured groups are picked out of it). */
export const SPARKPLUG_FILTER = `${SPARKPLUG_NAMESPACE}/#`;

export const SPARKPLUG_MESSAGE_TYPES = [
  'NBIRTH',
  'NDEATH',
  'NDATA',
  'NCMD',
  'DBIRTH',
  'DDEATH',
  'DDATA',
  'DCMD',
] as const;
export type SparkplugMessageType = (typeof SPARKPLUG_MESSAGE_TYPES)[number];

/** spBv1.0/<group>/<type>/<edge node>[/<device>] */
export interface SparkplugTopic {
  readonly groupId: string;
  readonly type: SparkplugMessageType;
  readonly edgeNodeId: string;
  /** Null for node messages (N*), the device id for device messages (D*). */
  readonly deviceId: string | null;
}

/** A Sparkplug id: not empty, none of MQTT's `/`, `+`, `#` (Sparkplug 3.0, tck-id-topic-structure). */
export function isSparkplugId(id: string): boolean {
  return id.length > 0 && id.length <= 256 && !/[/+#]/.test(id);
}

/** The parts of a Sparkplug B topic; null for anything else (the STATE topic, another namespace, a bad id). */
export function parseSparkplugTopic(topic: string): SparkplugTopic | null {
  const parts = topic.split('/');
  if (parts[0] !== SPARKPLUG_NAMESPACE || parts.length < 4 || parts.length > 5) return null;
  const [, groupId, type, edgeNodeId, deviceId] = parts;
  if (!(SPARKPLUG_MESSAGE_TYPES as readonly string[]).includes(type)) return null;
  const deviceMessage = type.startsWith('D');
  if (deviceMessage !== (deviceId !== undefined)) return null;
  if (![groupId, edgeNodeId, ...(deviceId === undefined ? [] : [deviceId])].every(isSparkplugId)) return null;
  return { groupId, type: type as SparkplugMessageType, edgeNodeId, deviceId: deviceId ?? null };
}

/** The topic of a command to an edge node. */
export function nodeCommandTopic(groupId: string, edgeNodeId: string): string {
  return `${SPARKPLUG_NAMESPACE}/${groupId}/NCMD/${edgeNodeId}`;
}
