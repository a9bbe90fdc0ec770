// The generated password and ACL files on the REAL mosquitto 2 broker (a child process on a free port).
import { brokerAclContract } from './spec-support/broker-acl-contract';
import { startMosquitto } from './spec-support/mosquitto-process';

describe('generated credentials on mosquitto', () => {
  brokerAclContract({
    refusesSubscriptions: false,
    clientIdBinding: 'username',
    platformProtocol: 5,
    start: (fixture) =>
      startMosquitto({ dir: fixture.dir, passwordsPath: fixture.passwordsPath, aclPath: fixture.aclPath }),
  });
});
