export interface SparkplugBroker {
  readonly url: string;
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
}

/** How the Sparkplug B host application runs (the app module provides it from the platform config). */
export interface SparkplugSettings {
  /** Groups whose edge nodes are followed; empty: every group. */
  readonly groups: readonly string[];
  /**
   * The broker and account the Rebirth requests (NCMD) are published with: the consumer's own. Unset
   * until the app knows its broker (SparkplugCommands.useBroker).
   */
  readonly mqtt?: SparkplugBroker;
  /** Fewest milliseconds between two rebirth requests to one edge node (default 5 s). */
  readonly rebirthIntervalMs?: number;
}

export const SPARKPLUG_SETTINGS = Symbol('SPARKPLUG_SETTINGS');
