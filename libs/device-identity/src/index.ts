export {
  hashDevicePassword,
  verifyDevicePassword,
  generateDevicePassword,
  isDevicePasswordHash,
  MOSQUITTO_HASH_ITERATIONS,
} from './password-hash';
export {
  aclFor,
  aclAllows,
  aclPatternCovers,
  unsharedFilter,
  BROKER_UPTIME_TOPIC,
  PLATFORM_ACCOUNT_ACL,
  SIMULATOR_ACCOUNT_ACL,
} from './acl';
export type { AclRules, DeviceBinding, DeviceIdentity } from './acl';
export { clientIdMatches, createBrokerAuth } from './broker-auth';
export { LoginBackoffLimiter } from './login-backoff-limiter';
export type { LoginBackoffOptions } from './login-backoff-limiter';
export type { BrokerAuth, BrokerAuthOptions, DeviceCredential, ServiceAccount } from './broker-auth';
export { deviceAccount, registryDeviceLookup } from './device-accounts';
export type { DeviceAccount } from './device-accounts';
export { renderAclFile, renderPasswordFile, writeMosquittoCredentials } from './mosquitto-files';
export type { MosquittoCredentialsOptions, MosquittoCredentialsResult } from './mosquitto-files';
export {
  DEFAULT_ACL_PATH,
  DEFAULT_ENV_FILE,
  DEFAULT_PASSWORDS_PATH,
  DEVICE_IDENTITY_COMMANDS,
  DEVICE_IDENTITY_USAGE,
  isDeviceIdentityCommand,
  runDeviceIdentityCli,
} from './device-identity-cli';
export type { DeviceIdentityCliIo, DeviceIdentityCommand } from './device-identity-cli';
export { checkDeviceRequest, issueDeviceCredentials } from './device-identity-cli';
export type { DeviceRequest, IssuedDeviceCredentials } from './device-identity-cli';
export { DeviceCredentialChanges } from './credential-changes';
