/**
 * Told when a device's credential is replaced or revoked (the admin API), so whatever authenticates
 * devices in this process drops what it cached and closes the device's open connection at once: the
 * embedded broker subscribes (libs/runtime). Another process's broker sees the change within its cache
 * time (createBrokerAuth's cacheTtlMs); Mosquitto once its password file is written again.
 */
export class DeviceCredentialChanges {
  private readonly listeners = new Set<(code: string) => void>();

  /** Calls `listener` with the device code after each change; returns how to stop. */
  subscribe(listener: (code: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(code: string): void {
    for (const listener of this.listeners) listener(code);
  }
}
