/**
 * Collects the work of many messages into one write, flushed by size or by time. Up to
 * `maxConcurrentWrites` batches are written at once (the database works on one while the process
 * parses the next), but batches COMPLETE in submission order: a batch that commits early waits for
 * the ones before it, so the acknowledgements that follow keep arrival order, as MQTT requires.
 * A failed write is retried with backoff until it succeeds: readings are never dropped. Memory is
 * bounded: above `maxBuffered` units, `whenHasRoom()` makes the caller wait, which stops reading
 * from the broker.
 */
export interface WriteBatcherOptions<T> {
  /** Writes one batch atomically. */
  readonly write: (items: readonly T[]) => Promise<void>;
  /** Size of an item in units (readings); a batch is flushed at `maxBatch` units. */
  readonly sizeOf: (item: T) => number;
  readonly maxBatch: number;
  readonly flushIntervalMs: number;
  readonly maxBuffered: number;
  /** Batches written at the same time (default 1). Writes must then be safe to run concurrently. */
  readonly maxConcurrentWrites?: number;
  /** Called when a write fails and will be retried. */
  readonly onWriteError?: (error: unknown, attempt: number) => void;
  readonly retryDelayMs?: (attempt: number) => number;
}

interface Pending<T> {
  readonly item: T;
  readonly resolve: () => void;
}

/** Backoff of a failed write: 100 ms doubling to 5 s. */
export const WRITE_RETRY_DELAY_MS = (attempt: number): number => Math.min(5_000, 100 * 2 ** (attempt - 1));

interface Batch<T> {
  readonly pending: Pending<T>[];
  readonly units: number;
  written: boolean;
}

export class WriteBatcher<T> {
  private queue: Pending<T>[] = [];
  private queuedUnits = 0;
  private writingUnits = 0;
  /** Batches being written or written but waiting for an earlier one, oldest first. */
  private inFlight: Batch<T>[] = [];
  private writes = 0;
  private timer: NodeJS.Timeout | null = null;
  private roomWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  /** The flush interval has passed (or a drain asked): write partial batches too. */
  private flushDue = false;
  private readonly maxConcurrentWrites: number;

  constructor(private readonly options: WriteBatcherOptions<T>) {
    this.maxConcurrentWrites = Math.max(1, options.maxConcurrentWrites ?? 1);
  }

  /** Units queued or being written. */
  get buffered(): number {
    return this.queuedUnits + this.writingUnits;
  }

  /** Resolves when the item's batch, and every batch before it, is committed. */
  submit(item: T): Promise<void> {
    if (this.closed) return Promise.reject(new Error('batcher is closed'));
    return new Promise<void>((resolve) => {
      this.queue.push({ item, resolve });
      this.queuedUnits += this.options.sizeOf(item);
      if (this.queuedUnits >= this.options.maxBatch) this.kick();
      else this.flushSoon();
    });
  }

  /** Null when there is room; otherwise a promise that resolves when there is. */
  whenHasRoom(): Promise<void> | null {
    if (this.buffered < this.options.maxBuffered) return null;
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Writes everything submitted so far. */
  async drain(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight.length === 0) return;
    this.flushDue = true;
    this.kick();
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
  }

  /** Starts writes while there is a free slot and a full batch, or any batch once a flush is due. */
  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (
      this.writes < this.maxConcurrentWrites &&
      this.queue.length > 0 &&
      (this.flushDue || this.queuedUnits >= this.options.maxBatch)
    )
      this.startWrite();
    if (this.queue.length === 0) this.flushDue = false;
  }

  private flushSoon(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flushDue = true;
      this.kick();
    }, this.options.flushIntervalMs);
  }

  private startWrite(): void {
    // Take whole items up to maxBatch units (at least one).
    let units = 0;
    let count = 0;
    while (
      count < this.queue.length &&
      (count === 0 || units + this.options.sizeOf(this.queue[count].item) <= this.options.maxBatch)
    ) {
      units += this.options.sizeOf(this.queue[count].item);
      count++;
    }
    const batch: Batch<T> = { pending: this.queue.splice(0, count), units, written: false };
    this.queuedUnits -= units;
    this.writingUnits += units;
    this.inFlight.push(batch);
    this.writes++;
    void this.write(batch);
  }

  private async write(batch: Batch<T>): Promise<void> {
    const items = batch.pending.map((p) => p.item);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.write(items);
        break;
      } catch (error) {
        this.options.onWriteError?.(error, attempt);
        await new Promise((r) => setTimeout(r, (this.options.retryDelayMs ?? WRITE_RETRY_DELAY_MS)(attempt)));
      }
    }
    batch.written = true;
    this.writes--;
    // Complete in order: only the written batches at the head of the line.
    while (this.inFlight.length > 0 && this.inFlight[0].written) {
      const done = this.inFlight.shift()!;
      this.writingUnits -= done.units;
      for (const p of done.pending) p.resolve();
    }
    this.releaseRoom();
    this.kick();
    if (this.queue.length > 0) this.flushSoon();
    else if (this.inFlight.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private releaseRoom(): void {
    while (this.roomWaiters.length > 0 && this.buffered < this.options.maxBuffered)
      this.roomWaiters.shift()!();
  }
}
