import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { NetworkHosts, waitFor } from '@hp/testing';

// Found by the cluster drill: cut() dropped only what the cut host sent, while what others sent it still
// arrived (TCP data, votes, publishes): half a partition, under which NATS 2.9 replicas reset their stream
// state. A cut host must hear nothing either. Runs in the drill's slot (e2e:drill): it adds interfaces.
const PORT = 29_450;

it('cuts a host off both ways: what is sent to it while cut never arrives, and after heal() it does', async () => {
  const hosts = NetworkHosts.create(2);
  const [command, args] = hosts.command(1, 'python3', [
    '-u',
    '-c',
    `import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.bind(('0.0.0.0', ${PORT}))\nwhile True:\n  print(s.recvfrom(64)[0].decode(), flush=True)`,
  ]);
  const listener = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const received: string[] = [];
  listener.stdout.on('data', (chunk: Buffer) =>
    received.push(...chunk.toString().split('\n').filter(Boolean)),
  );
  const sender = createSocket('udp4');
  const send = (text: string) =>
    new Promise<void>((resolve, reject) =>
      sender.send(text, PORT, hosts.address(1), (error) => (error ? reject(error) : resolve())),
    );
  try {
    await waitFor(
      async () => {
        await send('hello');
        return received.includes('hello');
      },
      { timeoutMs: 10_000, intervalMs: 100, description: 'the listener up' },
    );
    hosts.cut(1);
    for (let i = 0; i < 5; i++) await send(`while-cut-${i}`);
    hosts.heal(1);
    // Datagrams on one bridge keep their order: once this one is in, any sent during the cut would be too.
    await waitFor(
      async () => {
        await send('after-heal');
        return received.includes('after-heal');
      },
      { timeoutMs: 10_000, intervalMs: 100, description: 'a datagram after heal() received' },
    );
    expect(received.filter((r) => r.startsWith('while-cut'))).toEqual([]);
  } finally {
    sender.close();
    listener.kill('SIGKILL');
    hosts.dispose();
  }
});
