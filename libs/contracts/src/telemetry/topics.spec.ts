import {
  deviceStatusTopic,
  gatewayNoticeTopic,
  gatewayTelemetryTopic,
  parseStationTelemetryTopic,
  parseTopic,
  stationTelemetryTopic,
  wasteEventsTopic,
} from './topics';

describe('parseTopic', () => {
  it.each([
    [
      stationTelemetryTopic('VSIP-HP', 'VSIP-HP-CETP-OUT'),
      { kind: 'station-telemetry', parkCode: 'VSIP-HP', stationCode: 'VSIP-HP-CETP-OUT' },
    ],
    [gatewayTelemetryTopic('DEEPC-GW-01'), { kind: 'gateway-telemetry', gatewayCode: 'DEEPC-GW-01' }],
    [
      gatewayNoticeTopic('DEEPC-GW-01', 'connect'),
      { kind: 'gateway-notice', gatewayCode: 'DEEPC-GW-01', notice: 'connect' },
    ],
    [
      gatewayNoticeTopic('gw_2', 'disconnect'),
      { kind: 'gateway-notice', gatewayCode: 'gw_2', notice: 'disconnect' },
    ],
    [deviceStatusTopic('VSIP-HP-AN-01'), { kind: 'device-status', deviceCode: 'VSIP-HP-AN-01' }],
    [wasteEventsTopic('VSIP-F01-SCALE'), { kind: 'waste-events', gatewayCode: 'VSIP-F01-SCALE' }],
    [
      stationTelemetryTopic('P'.repeat(64), 'S'.repeat(64)),
      { kind: 'station-telemetry', parkCode: 'P'.repeat(64), stationCode: 'S'.repeat(64) },
    ],
  ])('reads back %s, built by the topic functions', (topic, address) => {
    expect(parseTopic(topic)).toEqual(address);
  });

  it.each([
    ['the station filter', 'hp/v1/parks/+/stations/+/telemetry'],
    ['a + code', 'hp/v1/gateways/+/telemetry'],
    ['a multi-level wildcard', 'hp/v1/parks/P/stations/#'],
    ['a # code', 'hp/v1/devices/#/status'],
    ['the notice filter', 'hp/v1/gateways/GW/+'],
    ['an empty park', 'hp/v1/parks//stations/S/telemetry'],
    ['an empty device', 'hp/v1/devices//status'],
    ['a trailing slash', 'hp/v1/gateways/GW/telemetry/'],
    ['a leading slash', '/hp/v1/gateways/GW/telemetry'],
    ['a doubled slash', 'hp/v1//gateways/GW/telemetry'],
    ['version 2', 'hp/v2/parks/P/stations/S/telemetry'],
    ['another root', 'HP/v1/gateways/GW/telemetry'],
    ['a shared subscription', '$share/ingestion/hp/v1/gateways/GW/telemetry'],
    ['a $SYS topic', '$SYS/broker/uptime'],
    ['an unknown gateway leaf', 'hp/v1/gateways/GW/reboot'],
    ['the waste filter', 'hp/v1/waste/+/events'],
    ['an unknown waste leaf', 'hp/v1/waste/GW/telemetry'],
    ['waste events with an extra level', 'hp/v1/waste/GW/events/x'],
    ['a station leaf under devices', 'hp/v1/devices/D/telemetry'],
    ['a status with an extra level', 'hp/v1/devices/D/status/x'],
    ['a telemetry topic with an extra level', 'hp/v1/parks/P/stations/S/telemetry/x'],
    ['a renamed level', 'hp/v1/park/P/stations/S/telemetry'],
    ['a dot in a code', 'hp/v1/parks/VSIP.HP/stations/S/telemetry'],
    ['a space in a code', 'hp/v1/devices/dev 1/status'],
    ['a non-ASCII code', 'hp/v1/devices/trạm-1/status'],
    ['a NUL in a code', 'hp/v1/devices/d\u0000/status'],
    ['a code of 65 characters', `hp/v1/devices/${'d'.repeat(65)}/status`],
    ['the root alone', 'hp/v1'],
    ['the root with a slash', 'hp/v1/'],
    ['nothing', ''],
  ])('returns null for %s', (_, topic) => {
    expect(parseTopic(topic)).toBeNull();
  });
});

describe('parseStationTelemetryTopic', () => {
  it('reads station topics only', () => {
    expect(parseStationTelemetryTopic('hp/v1/parks/P/stations/S/telemetry')).toMatchObject({
      parkCode: 'P',
      stationCode: 'S',
    });
    expect(parseStationTelemetryTopic('hp/v1/gateways/GW/telemetry')).toBeNull();
  });
});

describe('topic functions', () => {
  it.each(['', '+', '#', 'a/b', 'a b', '$SYS', 'x'.repeat(65)])('refuse the code %j', (code) => {
    expect(() => stationTelemetryTopic(code, 'S')).toThrow(RangeError);
    expect(() => stationTelemetryTopic('P', code)).toThrow(RangeError);
    expect(() => gatewayTelemetryTopic(code)).toThrow(RangeError);
    expect(() => gatewayNoticeTopic(code, 'connect')).toThrow(RangeError);
    expect(() => deviceStatusTopic(code)).toThrow(RangeError);
  });
});
