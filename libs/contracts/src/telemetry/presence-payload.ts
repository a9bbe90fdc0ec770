import { PayloadRefusal } from '../messages/quarantine-reasons';
import { decodeAndCheck, validators } from './validation';

/** hp/v1/gateways/{gatewayCode}/connect | /disconnect, schema GatewayNoticePayloadSchema. */
export interface GatewayNoticePayloadV1 {
  readonly park: string;
  readonly station: string;
  readonly time?: string;
}

/** hp/v1/devices/{deviceCode}/status (retained), schema DeviceStatusPayloadSchema; the last will is {"online":false}. */
export interface DeviceStatusPayloadV1 {
  readonly online: boolean;
  /** Present whenever online is true. */
  readonly time?: string;
  readonly firmware?: string;
}

export type PayloadParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: PayloadRefusal };

export function parseGatewayNotice(payload: unknown): PayloadParseResult<GatewayNoticePayloadV1> {
  return parseWhole(decodeAndCheck<GatewayNoticePayloadV1>(validators.gatewayNotice, payload));
}

/** An empty payload on a status topic clears the retained message; it is refused as PAYLOAD_EMPTY. */
export function parseDeviceStatus(payload: unknown): PayloadParseResult<DeviceStatusPayloadV1> {
  return parseWhole(decodeAndCheck<DeviceStatusPayloadV1>(validators.deviceStatus, payload));
}

function parseWhole<T>(checked: ReturnType<typeof decodeAndCheck<T>>): PayloadParseResult<T> {
  return checked.ok ? { ok: true, value: checked.value } : checked;
}
