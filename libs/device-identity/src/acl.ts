import {
  deviceStatusTopic,
  gatewayNoticeTopic,
  gatewayTelemetryTopic,
  stationTelemetryTopic,
  TOPIC_ROOT,
  wasteEventsTopic,
} from '@hp/contracts';
import { type DeviceKind } from '@hp/registry';

/**
 * What one MQTT account may do, as MQTT topic filters (`+` one level, `#` the rest). Anything not
 * granted is denied. Subscribe patterns also gate what the broker delivers (mosquitto's `read`).
 */
export interface AclRules {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
}

/** The account kinds a device is. Its MQTT username is its code. */
export interface DeviceIdentity {
  readonly code: string;
  readonly kind: DeviceKind;
}

/** Where a device is bound: the park of its topics and, for an analyzer, its station. */
export interface DeviceBinding {
  readonly parkCode: string;
  readonly stationCode?: string | null;
}

/** The Sparkplug B topic namespace (the platform is a Sparkplug host application, libs/sparkplug). */
export const SPARKPLUG_NAMESPACE = 'spBv1.0';

/**
 * A gateway as a Sparkplug B edge node: group id = its park code, edge node id = its code. It publishes
 * its node's births, deaths and data and those of its devices, and receives its node and device commands
 * (the Rebirth request); the sparkplug-client library subscribes to `.../NCMD/<node>/#`.
 */
function sparkplugEdgeNodeAcl(parkCode: string, code: string): AclRules {
  const at = (type: string) => `${SPARKPLUG_NAMESPACE}/${parkCode}/${type}/${code}`;
  return {
    publish: [
      ...['NBIRTH', 'NDEATH', 'NDATA'].map(at),
      ...['DBIRTH', 'DDEATH', 'DDATA'].map((type) => `${at(type)}/+`),
    ],
    subscribe: [`${at('NCMD')}/#`, `${at('DCMD')}/#`],
  };
}

/**
 * The topics a device may publish; only a gateway subscribes (to its Sparkplug B commands).
 * - analyzer: its station's telemetry (only when bound to a station) and its own status;
 * - gateway: its telemetry, its connect/disconnect notices and its own status, and, as a Sparkplug B edge
 *   node (group = its park, edge node id = its code), its spBv1.0 messages and commands;
 * - scale (a hazardous-waste tracking gateway): its waste events and its own status.
 * Throws (RangeError) when a code cannot stand in a topic.
 */
export function aclFor(device: DeviceIdentity, binding: DeviceBinding): AclRules {
  const status = deviceStatusTopic(device.code);
  switch (device.kind) {
    case 'analyzer':
      return {
        publish: binding.stationCode
          ? [stationTelemetryTopic(binding.parkCode, binding.stationCode), status]
          : [status],
        subscribe: [],
      };
    case 'gateway': {
      const sparkplug = sparkplugEdgeNodeAcl(binding.parkCode, device.code);
      return {
        publish: [
          gatewayTelemetryTopic(device.code),
          gatewayNoticeTopic(device.code, 'connect'),
          gatewayNoticeTopic(device.code, 'disconnect'),
          status,
          ...sparkplug.publish,
        ],
        subscribe: sparkplug.subscribe,
      };
    }
    case 'scale':
      return { publish: [wasteEventsTopic(device.code), status], subscribe: [] };
  }
}

/** `$SYS/broker/uptime`: mosquitto's uptime, which the compose healthcheck reads as the platform account. */
export const BROKER_UPTIME_TOPIC = '$SYS/broker/uptime';

/**
 * The platform's service account (MQTT_USERNAME): it reads every v1 topic, directly or through an MQTT 5
 * shared subscription `$share/<group>/hp/v1/#` (the ACL is checked on the part after the group), every
 * Sparkplug B topic, and the broker uptime. It publishes only the Sparkplug host's node commands (the
 * Rebirth request).
 */
export const PLATFORM_ACCOUNT_ACL: AclRules = {
  publish: [`${SPARKPLUG_NAMESPACE}/+/NCMD/+`],
  subscribe: [`${TOPIC_ROOT}/#`, `${SPARKPLUG_NAMESPACE}/#`, BROKER_UPTIME_TOPIC],
};

/**
 * An optional simulator account: it publishes station telemetry of any park, as the stations would, and
 * the events of any waste tracking gateway.
 */
export const SIMULATOR_ACCOUNT_ACL: AclRules = {
  publish: [`${TOPIC_ROOT}/parks/#`, `${TOPIC_ROOT}/waste/#`],
  subscribe: [],
};

const SHARE_PREFIX = '$share/';

/**
 * The filter of a subscription without its MQTT 5 shared-subscription prefix `$share/<group>/`; the
 * filter itself when it has none; null for a malformed shared subscription (no group or no filter).
 */
export function unsharedFilter(filter: string): string | null {
  if (!filter.startsWith(SHARE_PREFIX)) return filter;
  const slash = filter.indexOf('/', SHARE_PREFIX.length);
  const group = filter.slice(SHARE_PREFIX.length, slash);
  if (slash < 0 || group === '' || /[+#]/.test(group) || slash === filter.length - 1) return null;
  return filter.slice(slash + 1);
}

/**
 * True when every topic `topicOrFilter` can match is matched by the ACL `pattern`: for a concrete topic
 * (PUBLISH) that is plain MQTT matching; for a subscription filter, `+` and `#` in it must meet a `+`
 * or `#` of the pattern (`hp/v1/#` covers `hp/v1/parks/+/stations/+/telemetry`, not the reverse).
 * A wildcard at the first level does not reach `$` topics (MQTT-4.7.2-1).
 */
export function aclPatternCovers(pattern: string, topicOrFilter: string): boolean {
  const p = pattern.split('/');
  const t = topicOrFilter.split('/');
  if (t[0].startsWith('$') && (p[0] === '+' || p[0] === '#')) return false;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '#') return true;
    if (i >= t.length || t[i] === '#') return false;
    if (p[i] !== '+' && p[i] !== t[i]) return false;
  }
  return p.length === t.length;
}

/** True when one of the patterns covers the topic or filter (see aclPatternCovers). */
export function aclAllows(patterns: readonly string[], topicOrFilter: string): boolean {
  return patterns.some((pattern) => aclPatternCovers(pattern, topicOrFilter));
}
