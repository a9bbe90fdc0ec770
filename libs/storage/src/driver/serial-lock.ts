import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A re-entrant mutex over one connection: callers run one at a time, and code already running
 * under the lock (inside a transaction, say) runs directly instead of waiting for itself.
 */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly holder = new AsyncLocalStorage<true>();

  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.holder.getStore()) return fn();
    const result = this.tail.then(() => this.holder.run(true, fn));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
