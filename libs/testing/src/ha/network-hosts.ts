// Hosts of a drill's own on this machine: Linux network namespaces on a bridge, so that one host's link
// can be cut (a real partition: its peers and clients see silence, not a refused connection) and healed.
import { execFileSync } from 'node:child_process';

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Whether network namespaces can be made here (root, iproute2). */
export function networkNamespacesAvailable(): boolean {
  const probe = `hpprobe${process.pid % 100_000}`;
  try {
    ip('netns', 'add', probe);
    ip('netns', 'delete', probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * `count` hosts 10.<n>.0.11, .12, ... each in its own namespace, joined by a bridge that this machine
 * (the root namespace, 10.<n>.0.1) is on too: processes here reach every host, and a host whose link is
 * cut reaches nobody.
 */
export class NetworkHosts {
  private constructor(
    private readonly prefix: string,
    private readonly subnet: string,
    readonly count: number,
  ) {}

  static create(count: number): NetworkHosts {
    // Interface names are at most 15 characters; the pid keeps parallel runs apart.
    const tag = process.pid % 100_000;
    const hosts = new NetworkHosts(`hp${tag}`, `10.${200 + (tag % 50)}.${tag % 250}`, count);
    hosts.dispose();
    const bridge = hosts.bridge;
    ip('link', 'add', bridge, 'type', 'bridge');
    ip('addr', 'add', `${hosts.subnet}.1/24`, 'dev', bridge);
    ip('link', 'set', bridge, 'up');
    for (let i = 1; i <= count; i++) {
      const ns = hosts.namespace(i);
      const outside = hosts.link(i);
      ip('netns', 'add', ns);
      ip('link', 'add', outside, 'type', 'veth', 'peer', 'name', `${outside}p`);
      ip('link', 'set', `${outside}p`, 'netns', ns);
      ip('link', 'set', outside, 'master', bridge);
      ip('link', 'set', outside, 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'addr', 'add', `${hosts.address(i)}/24`, 'dev', `${outside}p`);
      ip('-n', ns, 'link', 'set', `${outside}p`, 'up');
      // Strict reverse-path filtering: a packet from an address the host cannot answer (blackholed by
      // cut()) is dropped on arrival, so a cut host hears nothing either, as on a real partition.
      for (const conf of ['all', `${outside}p`])
        ip('netns', 'exec', ns, 'sh', '-c', `echo 1 > /proc/sys/net/ipv4/conf/${conf}/rp_filter`);
    }
    return hosts;
  }

  /** The address of host `i` (1-based). */
  address(i: number): string {
    return `${this.subnet}.${10 + i}`;
  }

  /** The command and arguments that run `command` on host `i`. */
  command(i: number, command: string, args: readonly string[]): [string, string[]] {
    return ['ip', ['netns', 'exec', this.namespace(i), command, ...args]];
  }

  /**
   * Cuts host `i` off the network, both ways: its peers and clients see silence from then on, and it hears
   * none of them. Done inside its own namespace (blackhole routes to every other address of the subnet,
   * which strict reverse-path filtering applies to arriving packets too), so this machine's interfaces do
   * not change: a browser beside the drill would drop its requests at an interface change.
   */
  cut(i: number): void {
    for (const address of this.othersOf(i))
      ip('-n', this.namespace(i), 'route', 'add', 'blackhole', `${address}/32`);
  }

  heal(i: number): void {
    for (const address of this.othersOf(i))
      ip('-n', this.namespace(i), 'route', 'del', 'blackhole', `${address}/32`);
  }

  /** This machine's address on the bridge and every other host's. */
  private othersOf(i: number): string[] {
    const others = [`${this.subnet}.1`];
    for (let j = 1; j <= this.count; j++) if (j !== i) others.push(this.address(j));
    return others;
  }

  /** Removes every namespace and link (and those a crashed run of the same pid left). */
  dispose(): void {
    for (let i = 1; i <= Math.max(this.count, 9); i++) {
      try {
        ip('netns', 'delete', this.namespace(i));
      } catch {
        // not there
      }
    }
    try {
      ip('link', 'delete', this.bridge);
    } catch {
      // not there
    }
  }

  private get bridge(): string {
    return `${this.prefix}br`;
  }

  private namespace(i: number): string {
    return `${this.prefix}h${i}`;
  }

  private link(i: number): string {
    return `${this.prefix}v${i}`;
  }
}
