import { Logger } from '@nestjs/common';
import { Aedes, AedesOptions } from 'aedes';
import { createServer, Server, Socket } from 'node:net';

export interface EmbeddedBrokerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** Hooks for device identity and topic ACLs (the ingestion issue fills them in). */
  readonly authenticate?: AedesOptions['authenticate'];
  readonly authorizePublish?: AedesOptions['authorizePublish'];
  readonly authorizeSubscribe?: AedesOptions['authorizeSubscribe'];
}

export interface EmbeddedBroker {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * An in-process MQTT 3.1.1 broker (aedes) for the embedded mode and tests. No MQTT 5 and no shared
 * subscriptions: production uses Mosquitto or EMQX through MQTT_URL.
 */
export async function startEmbeddedBroker(
  options: EmbeddedBrokerOptions,
  logger = new Logger('EmbeddedBroker'),
): Promise<EmbeddedBroker> {
  // Only hooks that are set: an undefined one would replace aedes' allow-all default.
  const hooks: AedesOptions = {};
  if (options.authenticate) hooks.authenticate = options.authenticate;
  if (options.authorizePublish) hooks.authorizePublish = options.authorizePublish;
  if (options.authorizeSubscribe) hooks.authorizeSubscribe = options.authorizeSubscribe;
  const broker = await Aedes.createBroker(hooks);
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(
                `MQTT_EMBEDDED_PORT ${options.port} is in use; set MQTT_EMBEDDED_PORT to a free port or MQTT_URL to a broker`,
              )
            : error,
        ),
      );
      server.listen(options.port, host, () => resolve());
    });
  } catch (error) {
    // aedes runs a heartbeat timer: a broker that never listened must still be closed.
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `mqtt://${host}:${port}`;
  logger.log(`embedded MQTT broker (aedes, MQTT 3.1.1) listening on ${url}`);
  return {
    url,
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}
