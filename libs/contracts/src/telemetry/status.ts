/**
 * Instrument status codes of Circular 10/2021: 00 measuring (valid), 01 calibrating, 02 device error.
 * On the wire they are two-character strings; in storage a smallint 0..2.
 */
export const READING_STATUS_CODES = ['00', '01', '02'] as const;
export type ReadingStatusCode = (typeof READING_STATUS_CODES)[number];

export const ReadingStatus = { Measuring: 0, Calibrating: 1, DeviceError: 2 } as const;
export type ReadingStatusValue = (typeof ReadingStatus)[keyof typeof ReadingStatus];

export function statusCodeToValue(code: ReadingStatusCode): ReadingStatusValue {
  return Number(code) as ReadingStatusValue;
}

export function statusValueToCode(value: number): ReadingStatusCode {
  const code = `0${value}`;
  if (!(READING_STATUS_CODES as readonly string[]).includes(code)) {
    throw new RangeError(`reading status ${value} is not one of 0, 1, 2`);
  }
  return code as ReadingStatusCode;
}
