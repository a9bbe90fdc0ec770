import { waitFor } from '@hp/testing';
import { WriteBatcher } from './write-batcher';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recorder(opts: { failFirst?: number; delayMs?: number } = {}) {
  const batches: number[][] = [];
  let failures = opts.failFirst ?? 0;
  const write = async (items: readonly number[]) => {
    if (opts.delayMs) await sleep(opts.delayMs);
    if (failures-- > 0) throw new Error('database is away');
    batches.push([...items]);
  };
  return { batches, write };
}

describe('WriteBatcher', () => {
  it('flushes by size, in order, and resolves each submit after its batch is written', async () => {
    const r = recorder();
    const b = new WriteBatcher<number>({
      write: r.write,
      sizeOf: () => 10,
      maxBatch: 30,
      flushIntervalMs: 10_000,
      maxBuffered: 1000,
    });
    const done = [1, 2, 3, 4, 5, 6].map((n) => b.submit(n));
    await Promise.all(done);
    expect(r.batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('flushes a partial batch after the interval', async () => {
    const r = recorder();
    const b = new WriteBatcher<number>({
      write: r.write,
      sizeOf: () => 1,
      maxBatch: 100,
      flushIntervalMs: 20,
      maxBuffered: 1000,
    });
    const t0 = Date.now();
    await b.submit(7);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(15);
    expect(r.batches).toEqual([[7]]);
  });

  it('retries a failed write until it succeeds, never dropping an item', async () => {
    const r = recorder({ failFirst: 3 });
    const errors: number[] = [];
    const b = new WriteBatcher<number>({
      write: r.write,
      sizeOf: () => 1,
      maxBatch: 2,
      flushIntervalMs: 5,
      maxBuffered: 100,
      onWriteError: (_e, attempt) => errors.push(attempt),
      retryDelayMs: () => 5,
    });
    await Promise.all([b.submit(1), b.submit(2), b.submit(3)]);
    expect(errors).toEqual([1, 2, 3]);
    expect(r.batches.flat()).toEqual([1, 2, 3]);
  });

  it('applies backpressure above maxBuffered and releases it as writes complete', async () => {
    const r = recorder({ delayMs: 30 });
    const b = new WriteBatcher<number>({
      write: r.write,
      sizeOf: () => 5,
      maxBatch: 10,
      flushIntervalMs: 1,
      maxBuffered: 10,
    });
    expect(b.whenHasRoom()).toBeNull();
    const a = b.submit(1);
    const c = b.submit(2);
    const wait = b.whenHasRoom();
    expect(wait).not.toBeNull();
    let released = false;
    void wait!.then(() => (released = true));
    await sleep(5);
    expect(released).toBe(false);
    await Promise.all([a, c]);
    await waitFor(() => released, { timeoutMs: 1000, description: 'room released after the writes' });
    expect(b.buffered).toBe(0);
  });

  it('drain writes what is queued; a closed batcher refuses new items', async () => {
    const r = recorder();
    const b = new WriteBatcher<number>({
      write: r.write,
      sizeOf: () => 1,
      maxBatch: 100,
      flushIntervalMs: 60_000,
      maxBuffered: 1000,
    });
    const p = b.submit(9);
    await b.close();
    await p;
    expect(r.batches).toEqual([[9]]);
    await expect(b.submit(10)).rejects.toThrow('batcher is closed');
  });

  it('writes batches concurrently but completes them in submission order', async () => {
    // Batch [1] is slow and batch [2] fast: [2] commits first yet resolves only after [1].
    const started: number[] = [];
    const committed: number[] = [];
    const resolved: number[] = [];
    let concurrent = 0;
    let peak = 0;
    const b = new WriteBatcher<number>({
      write: async (items) => {
        started.push(items[0]);
        peak = Math.max(peak, ++concurrent);
        await sleep(items[0] === 1 ? 60 : 5);
        committed.push(items[0]);
        concurrent--;
      },
      sizeOf: () => 1,
      maxBatch: 1,
      flushIntervalMs: 1000,
      maxBuffered: 100,
      maxConcurrentWrites: 2,
    });
    await Promise.all([1, 2, 3].map((n) => b.submit(n).then(() => resolved.push(n))));
    expect(peak).toBe(2);
    expect(started.slice(0, 2)).toEqual([1, 2]);
    expect(committed[0]).toBe(2);
    expect(resolved).toEqual([1, 2, 3]);
    expect(b.buffered).toBe(0);
  });

  it('does not split a partial remainder into a second write before the flush interval', async () => {
    const r = recorder({ delayMs: 20 });
    const b = new WriteBatcher<number>({
      write: r.write,
      sizeOf: () => 1,
      maxBatch: 3,
      flushIntervalMs: 40,
      maxBuffered: 100,
      maxConcurrentWrites: 4,
    });
    await Promise.all([1, 2, 3, 4].map((n) => b.submit(n)));
    expect(r.batches).toEqual([[1, 2, 3], [4]]);
  });
});
