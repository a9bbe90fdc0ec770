import { INestApplicationContext } from '@nestjs/common';
import { ComplianceEngine } from '@hp/compliance';
import { addDays, localDayStart } from '@hp/contracts';
import { ReadingsWriter } from '@hp/readings';
import { RegistryAdmin } from '@hp/registry';

/**
 * A station-day judged an exceedance by one reading: a permit judging COD only (QCVN 40:2011 column B) from
 * `permitFrom`, the day's 288 five-minute COD readings near 100 mg/L but one of 2000 (index `spike`), judged.
 * `calibrating` readings carry status 01. Returns the readings' times, in order.
 */
export async function seedSpikedDay(
  app: INestApplicationContext,
  options: { stationId: number; day: string; spike: number; permitFrom?: string; calibrating?: number[] },
): Promise<Date[]> {
  const { stationId, day, spike } = options;
  await app.get(RegistryAdmin).recordDischargePermit({
    stationId,
    standardVersion: 'QCVN40:2011',
    columnCode: 'B',
    effectiveFrom: options.permitFrom ?? day,
    parameters: ['COD'],
  });
  const start = localDayStart(day).getTime();
  const times = Array.from({ length: 288 }, (_, i) => new Date(start + i * 300_000));
  await app.get(ReadingsWriter).insertReadings(
    times.map((time, i) => ({
      time,
      stationId,
      parameterCode: 'COD',
      value: i === spike ? 2000 : 100 + (i % 5) * 0.1,
      status: options.calibrating?.includes(i) ? 1 : 0,
    })),
  );
  await app.get(ComplianceEngine).recomputeStation(stationId, day, addDays(day, 1));
  return times;
}
