// An MQTT edge of the broker cluster: devices' logins from the registry, each message stored in the
// replicated telemetry stream (NATS JetStream) before its PUBACK. Stateless: run several behind a TCP balancer.
import { bootstrapMqttEdge, runMain } from '@hp/runtime';

runMain(bootstrapMqttEdge);
