import { deviceActivityOf } from './device-activity';

describe('deviceActivityOf', () => {
  const at = new Date('2026-12-07T10:00:00Z');

  it('names the device of a status, gateway Sparkplug B or waste topic, the station of station telemetry', () => {
    expect(deviceActivityOf('hp/v1/devices/VSIP-GW-1/status', at)).toEqual({
      deviceCode: 'VSIP-GW-1',
      at,
      kind: 'status',
    });
    expect(deviceActivityOf('hp/v1/gateways/VSIP-GW-1/telemetry', at)).toMatchObject({
      deviceCode: 'VSIP-GW-1',
      kind: 'gateway',
    });
    expect(deviceActivityOf('hp/v1/gateways/VSIP-GW-1/connect', at)).toMatchObject({ kind: 'gateway' });
    expect(deviceActivityOf('spBv1.0/VSIP-HP/NDATA/VSIP-GW-1', at)).toMatchObject({
      deviceCode: 'VSIP-GW-1',
      kind: 'sparkplug',
    });
    expect(deviceActivityOf('hp/v1/waste/SCALE-1/events', at)).toMatchObject({
      deviceCode: 'SCALE-1',
      kind: 'waste',
    });
    expect(deviceActivityOf('hp/v1/parks/VSIP-HP/stations/VSIP-HP-OUT/telemetry', at)).toEqual({
      station: { parkCode: 'VSIP-HP', stationCode: 'VSIP-HP-OUT' },
      at,
      kind: 'telemetry',
    });
  });

  it('names nobody for other topics', () => {
    expect(deviceActivityOf('hp/v2/devices/X/status', at)).toBeNull();
    expect(deviceActivityOf('spBv1.0/VSIP-HP/STATE', at)).toBeNull();
  });
});
