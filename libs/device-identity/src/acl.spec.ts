import {
  aclAllows,
  aclFor,
  aclPatternCovers,
  PLATFORM_ACCOUNT_ACL,
  SIMULATOR_ACCOUNT_ACL,
  unsharedFilter,
} from './acl';

describe('aclFor', () => {
  it("lets an analyzer publish its station's telemetry and its status only", () => {
    expect(aclFor({ code: 'AN-1', kind: 'analyzer' }, { parkCode: 'DV1', stationCode: 'ST01' })).toEqual({
      publish: ['hp/v1/parks/DV1/stations/ST01/telemetry', 'hp/v1/devices/AN-1/status'],
      subscribe: [],
    });
    // Not bound to a station (yet): its status only.
    expect(
      aclFor({ code: 'AN-1', kind: 'analyzer' }, { parkCode: 'DV1', stationCode: null }).publish,
    ).toEqual(['hp/v1/devices/AN-1/status']);
  });

  it('lets a gateway publish its telemetry, its notices, its status and its Sparkplug B edge node topics', () => {
    expect(aclFor({ code: 'GW-1', kind: 'gateway' }, { parkCode: 'DV1' })).toEqual({
      publish: [
        'hp/v1/gateways/GW-1/telemetry',
        'hp/v1/gateways/GW-1/connect',
        'hp/v1/gateways/GW-1/disconnect',
        'hp/v1/devices/GW-1/status',
        'spBv1.0/DV1/NBIRTH/GW-1',
        'spBv1.0/DV1/NDEATH/GW-1',
        'spBv1.0/DV1/NDATA/GW-1',
        'spBv1.0/DV1/DBIRTH/GW-1/+',
        'spBv1.0/DV1/DDEATH/GW-1/+',
        'spBv1.0/DV1/DDATA/GW-1/+',
      ],
      subscribe: ['spBv1.0/DV1/NCMD/GW-1/#', 'spBv1.0/DV1/DCMD/GW-1/#'],
    });
    const acl = aclFor({ code: 'GW-1', kind: 'gateway' }, { parkCode: 'DV1' });
    // Another group (park) or another edge node is not its own.
    expect(aclAllows(acl.publish, 'spBv1.0/DV2/NBIRTH/GW-1')).toBe(false);
    expect(aclAllows(acl.publish, 'spBv1.0/DV1/DDATA/GW-2/AN')).toBe(false);
    expect(aclAllows(acl.publish, 'spBv1.0/DV1/NCMD/GW-1')).toBe(false);
    expect(aclAllows(acl.subscribe, 'spBv1.0/DV1/NCMD/GW-2/#')).toBe(false);
  });

  it('lets a scale (waste tracking gateway) publish its waste events and its status only', () => {
    expect(aclFor({ code: 'SC-1', kind: 'scale' }, { parkCode: 'DV1', stationCode: 'ST01' })).toEqual({
      publish: ['hp/v1/waste/SC-1/events', 'hp/v1/devices/SC-1/status'],
      subscribe: [],
    });
  });

  it('refuses codes that would bend a topic', () => {
    expect(() => aclFor({ code: 'a/#', kind: 'scale' }, { parkCode: 'DV1' })).toThrow(RangeError);
    expect(() => aclFor({ code: 'AN', kind: 'analyzer' }, { parkCode: '+', stationCode: 'S' })).toThrow(
      RangeError,
    );
  });
});

describe('ACL matching', () => {
  it.each([
    ['hp/v1/#', 'hp/v1/parks/P/stations/S/telemetry', true],
    ['hp/v1/#', 'hp/v1', true],
    ['hp/v1/#', 'hp/v2/x', false],
    ['hp/v1/parks/+/stations/+/telemetry', 'hp/v1/parks/P/stations/S/telemetry', true],
    ['hp/v1/parks/+/stations/+/telemetry', 'hp/v1/parks/P/stations/S/status', false],
    ['hp/v1/parks/+/stations/+/telemetry', 'hp/v1/parks/P/stations/S/telemetry/x', false],
    ['a/b', 'a/b', true],
    ['a/b', 'a/b/c', false],
    ['a/b', 'a', false],
    // filters: a wildcard in the filter must meet one in the pattern
    ['hp/v1/#', 'hp/v1/parks/+/stations/+/telemetry', true],
    ['hp/v1/parks/+/stations/+/telemetry', 'hp/v1/#', false],
    ['hp/v1/parks/P/stations/S/telemetry', 'hp/v1/parks/+/stations/S/telemetry', false],
    ['hp/v1/parks/+/x', 'hp/v1/parks/+/x', true],
    ['hp/v1/+/x', 'hp/v1/#', false],
    ['hp/v1/#', '#', false],
    // $ topics are not reached by a leading wildcard
    ['#', '$SYS/broker/uptime', false],
    ['+/broker/uptime', '$SYS/broker/uptime', false],
    ['$SYS/broker/uptime', '$SYS/broker/uptime', true],
  ])('%s covers %s: %s', (pattern, topic, expected) => {
    expect(aclPatternCovers(pattern, topic)).toBe(expected);
  });

  it('reads a shared subscription by its filter', () => {
    expect(unsharedFilter('$share/ingestion/hp/v1/#')).toBe('hp/v1/#');
    expect(unsharedFilter('hp/v1/#')).toBe('hp/v1/#');
    for (const bad of ['$share/', '$share/g', '$share/g/', '$share//hp/v1/#', '$share/+/hp/v1/#']) {
      expect(unsharedFilter(bad)).toBeNull();
    }
  });

  it('gives the service accounts what they need and no more', () => {
    expect(aclAllows(PLATFORM_ACCOUNT_ACL.subscribe, 'hp/v1/#')).toBe(true);
    expect(aclAllows(PLATFORM_ACCOUNT_ACL.subscribe, '$SYS/broker/uptime')).toBe(true);
    expect(aclAllows(PLATFORM_ACCOUNT_ACL.subscribe, '$SYS/#')).toBe(false);
    expect(aclAllows(PLATFORM_ACCOUNT_ACL.publish, 'hp/v1/parks/P/stations/S/telemetry')).toBe(false);
    expect(aclAllows(PLATFORM_ACCOUNT_ACL.subscribe, 'spBv1.0/#')).toBe(true);
    expect(aclAllows(PLATFORM_ACCOUNT_ACL.publish, 'spBv1.0/G/NCMD/N')).toBe(true);
    expect(aclAllows(PLATFORM_ACCOUNT_ACL.publish, 'spBv1.0/G/NDATA/N')).toBe(false);
    expect(aclAllows(SIMULATOR_ACCOUNT_ACL.publish, 'hp/v1/parks/P/stations/S/telemetry')).toBe(true);
    expect(aclAllows(SIMULATOR_ACCOUNT_ACL.publish, 'hp/v1/gateways/G/telemetry')).toBe(false);
    expect(aclAllows(SIMULATOR_ACCOUNT_ACL.publish, 'hp/v1/waste/GW/events')).toBe(true);
    expect(SIMULATOR_ACCOUNT_ACL.subscribe).toEqual([]);
  });
});
