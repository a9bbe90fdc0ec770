// The limit ingestion is measured against, shared by bench:ingest and bench:scale: the same rows a
// benchmark fleet publishes, COPYed straight into a table like `readings`.
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** The ten parameters of a bench station's message, as bench-publisher sends them. */
const BENCH_PARAMETERS = ['Temp', 'pH', 'TSS', 'COD', 'NH4', 'TN', 'TP', 'Color', 'TOC', 'Flow'];

export async function countReadings(pg: Client, table = 'readings'): Promise<number> {
  return Number((await pg.query(`SELECT count(*)::bigint AS n FROM ${table}`)).rows[0].n);
}

/**
 * Raw COPY rate (rows/s) of `messagesPerStation` messages of the stations `ids`, on a quiet server
 * (the ingestion run's dirty pages checkpointed and its table vacuumed first, so neither a checkpoint
 * nor autovacuum of the fresh rows runs during the measurement), into an identical table dropped after.
 */
export async function measureRawCopy(
  pg: Client,
  ids: readonly number[],
  messagesPerStation: number,
): Promise<number> {
  await pg.query(`VACUUM ANALYZE readings`);
  await pg.query(`CHECKPOINT`);
  await pg.query(`CREATE TABLE readings_copy (LIKE readings INCLUDING ALL)`);
  const base = Date.now() - 2 * 86_400_000;
  const lines: string[] = [];
  for (let seq = 0; seq < messagesPerStation; seq++) {
    const t = new Date(base + seq * 1000).toISOString();
    for (const id of ids) for (const p of BENCH_PARAMETERS) lines.push(`${t}\t${id}\t${p}\t42.5\t0\n`);
  }
  const started = Date.now();
  const stream = pg.query(
    copyFrom(`COPY readings_copy (time, station_id, parameter_code, value, status) FROM STDIN`),
  );
  await new Promise<void>((res, rej) => {
    stream.on('finish', () => res());
    stream.on('error', rej);
    const chunk = 10_000;
    for (let i = 0; i < lines.length; i += chunk) stream.write(lines.slice(i, i + chunk).join(''));
    stream.end();
  });
  const seconds = (Date.now() - started) / 1000;
  const n = await countReadings(pg, 'readings_copy');
  await pg.query(`DROP TABLE readings_copy`);
  return n / seconds;
}
