export { createTestDatabase, DEFAULT_TEST_DATABASE_URL, testServerUrl } from './test-database';
export type { TestDatabase } from './test-database';
export { tempDataDir } from './temp-data-dir';
export type { TempDataDir, TempDataDirOptions } from './temp-data-dir';
export { waitFor } from './wait-for';
export type { WaitForOptions } from './wait-for';
export { startSmtpSink, startWebhookReceiver } from './receivers';
export type { SmtpSink, WebhookReceiver } from './receivers';
export {
  freePort,
  PrivateMosquitto,
  PrivatePostgres,
  PrivateRedis,
  RestartableProcess,
  waitForPort,
} from './private-services';
export { NetworkHosts, networkNamespacesAvailable } from './ha/network-hosts';
export { NatsCluster } from './ha/nats-cluster';
export type { NatsClusterOptions } from './ha/nats-cluster';
export { EtcdCluster, EtcdMember } from './ha/etcd-cluster';
export type { EtcdClusterOptions } from './ha/etcd-cluster';
export { FAST_FAILOVER_TIMING, PatroniCluster, PatroniNode } from './ha/patroni-cluster';
export type {
  PatroniClusterOptions,
  PatroniMember,
  PatroniStatus,
  PatroniTiming,
} from './ha/patroni-cluster';
export { FAST_CHECKS, patroniHaproxyConfig, PrivateHaproxy, renderHaproxyConfig } from './ha/haproxy';
export type {
  HaproxyBackend,
  HaproxyConfig,
  HaproxyFrontend,
  HaproxyServer,
  HaproxyServerState,
  PatroniEndpoint,
} from './ha/haproxy';
export { RedisSentinelCluster } from './ha/redis-sentinel';
export type { RedisAddress, RedisSentinelOptions } from './ha/redis-sentinel';
