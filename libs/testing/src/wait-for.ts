export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Shown in the timeout error. */
  description?: string;
}

/**
 * Polls predicate until it returns a truthy value, and resolves with that value.
 * Rejects after timeoutMs (default 5000) with the last error the predicate threw, if any.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  { timeoutMs = 5000, intervalMs = 50, description = 'condition' }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      // Not `instanceof Error`: errors from another realm (fetch under jest) would be missed.
      const message = (lastError as { message?: unknown } | undefined)?.message;
      const reason =
        lastError === undefined
          ? ''
          : `: last error ${typeof message === 'string' ? message : String(lastError)}`;
      throw new Error(`waitFor: ${description} not met within ${timeoutMs} ms${reason}`, {
        cause: lastError,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
