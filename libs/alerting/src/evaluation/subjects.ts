/** Subjects: what an alert is about, as stable text keys (one open alert per rule and subject). */
export const stationParameterSubject = (stationId: number, parameter: string) =>
  `station:${stationId}/${parameter}`;
export const stationSubject = (stationId: number) => `station:${stationId}`;
export const stationDaySubject = (stationId: number, day: string) => `station:${stationId}/day:${day}`;
export const deviceSubject = (deviceCode: string) => `device:${deviceCode}`;
export const lotSubject = (lotCode: string) => `lot:${lotCode}`;
