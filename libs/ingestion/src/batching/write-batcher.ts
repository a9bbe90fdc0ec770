/**
 * Collects the work of many messages into one write, flushed by size or by time, one write at a time
 * (so commits, and the acknowledgements that follow them, keep arrival order). A failed write is
 * retried with backoff until it succeeds: readings are never dropped. Memory is bounded: above
 * `maxBuffered` units, `whenHasRoom()` makes the caller wait, which stops reading from the broker.
 */
export interface WriteBatcherOptions<T> {
  /** Writes one batch atomically. */
  readonly write: (items: readonly T[]) => Promise<void>;
  /** Size of an item in units (readings); a batch is flushed at `maxBatch` units. */
  readonly sizeOf: (item: T) => number;
  readonly maxBatch: number;
  readonly flushIntervalMs: number;
  readonly maxBuffered: number;
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

export class WriteBatcher<T> {
  private queue: Pending<T>[] = [];
  private queuedUnits = 0;
  private writingUnits = 0;
  private writing = false;
  private timer: NodeJS.Timeout | null = null;
  private roomWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: WriteBatcherOptions<T>) {}

  /** Units queued or being written. */
  get buffered(): number {
    return this.queuedUnits + this.writingUnits;
  }

  /** Resolves when the item's batch is committed. */
  submit(item: T): Promise<void> {
    if (this.closed) return Promise.reject(new Error('batcher is closed'));
    return new Promise<void>((resolve) => {
      this.queue.push({ item, resolve });
      this.queuedUnits += this.options.sizeOf(item);
      if (this.queuedUnits >= this.options.maxBatch) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.options.flushIntervalMs);
    });
  }

  /** Null when there is room; otherwise a promise that resolves when there is. */
  whenHasRoom(): Promise<void> | null {
    if (this.buffered < this.options.maxBuffered) return null;
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Writes everything submitted so far. */
  async drain(): Promise<void> {
    if (this.queue.length === 0 && !this.writing) return;
    this.kick();
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
  }

  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.writing && this.queue.length > 0) void this.flush();
  }

  private async flush(): Promise<void> {
    this.writing = true;
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
    const batch = this.queue.splice(0, count);
    this.queuedUnits -= units;
    this.writingUnits = units;
    const items = batch.map((p) => p.item);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.write(items);
        break;
      } catch (error) {
        this.options.onWriteError?.(error, attempt);
        await new Promise((r) => setTimeout(r, (this.options.retryDelayMs ?? WRITE_RETRY_DELAY_MS)(attempt)));
      }
    }
    this.writingUnits = 0;
    for (const p of batch) p.resolve();
    this.writing = false;
    this.releaseRoom();
    if (this.queuedUnits >= this.options.maxBatch) this.kick();
    else if (this.queue.length > 0)
      this.timer ??= setTimeout(() => this.kick(), this.options.flushIntervalMs);
    else for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private releaseRoom(): void {
    while (this.roomWaiters.length > 0 && this.buffered < this.options.maxBuffered)
      this.roomWaiters.shift()!();
  }
}
