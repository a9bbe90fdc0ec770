import { SqlExecutor } from '@hp/storage';
import {
  NewQuarantinedMessage,
  QuarantinedMessage,
  QuarantineFilter,
  QuarantineRepository,
} from './quarantine.repository';

/**
 * Refused telemetry, kept with its raw bytes and a reason code per problem, for every transport (MQTT,
 * Circular 10 files, Sparkplug B, waste gateways) and for /api/quarantine.
 */
export class Quarantine {
  private readonly messages: QuarantineRepository;

  constructor(db: SqlExecutor) {
    this.messages = new QuarantineRepository(db);
  }

  /** The same quarantine inside a transaction: a refusal commits with the rest of its message. */
  inTransaction(tx: SqlExecutor): Quarantine {
    return new Quarantine(tx);
  }

  /** Records refused messages in one statement; returns how many. */
  record(messages: readonly NewQuarantinedMessage[]): Promise<number> {
    return this.messages.insertMany(messages);
  }

  /** Newest first. */
  listRecent(limit: number): Promise<QuarantinedMessage[]> {
    return this.messages.listRecent(limit);
  }

  /** One page of the messages a filter matches, newest first. */
  list(filter: QuarantineFilter): Promise<QuarantinedMessage[]> {
    return this.messages.list(filter);
  }

  count(): Promise<number> {
    return this.messages.count();
  }
}
