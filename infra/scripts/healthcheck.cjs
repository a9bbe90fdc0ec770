#!/usr/bin/env node
// Container health probes for the app images (slim images have no curl; this needs only Node).
//   node infra/scripts/healthcheck.cjs http
//       GET http://127.0.0.1:$HTTP_PORT/api/health (HTTP_PORT defaults to 3000); healthy on a 2xx.
//   node infra/scripts/healthcheck.cjs connected <VAR>
//       Healthy while this container holds an ESTABLISHED TCP connection to the host and port of the
//       URL in environment variable <VAR> (e.g. MQTT_URL, REDIS_URL), or of any URL of a comma-separated
//       list (NATS_SERVERS). For the services with no HTTP endpoint: the ingestion consumer must stay
//       connected to the broker, the worker to Redis. It reads /proc/net/tcp{,6}, which lists the sockets
//       of the container's own network namespace.
//   node infra/scripts/healthcheck.cjs connected-port <PORT>
//       Healthy while this container holds an ESTABLISHED TCP connection to any host on that port: the
//       worker behind Redis Sentinel (REDIS_SENTINELS), whose Redis primary is whichever server was promoted.
// Exit code 0 is healthy, 1 unhealthy, 2 a usage error.
const fs = require('node:fs');
const dns = require('node:dns/promises');

const DEFAULT_PORTS = {
  'mqtt:': 1883,
  'tcp:': 1883,
  'mqtts:': 8883,
  'ws:': 80,
  'wss:': 443,
  'redis:': 6379,
  'rediss:': 6379,
  'postgres:': 5432,
  'postgresql:': 5432,
  'nats:': 4222,
};
const ESTABLISHED = '01';

async function http() {
  const url = `http://127.0.0.1:${process.env.HTTP_PORT || 3000}/api/health`;
  const response = await fetch(url, { signal: AbortSignal.timeout(4000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

/** 127.0.0.1 -> 0100007F, the byte order /proc/net/tcp prints an IPv4 address in. */
function procHex(ipv4) {
  return ipv4
    .split('.')
    .map((octet) => Number(octet).toString(16).padStart(2, '0'))
    .reverse()
    .join('')
    .toUpperCase();
}

/** Host, port and /proc hex addresses of one URL of the variable. */
async function target(variable, raw) {
  const url = new URL(raw);
  const port = Number(url.port || DEFAULT_PORTS[url.protocol]);
  if (!port) throw new Error(`${variable}: no port for scheme ${url.protocol}`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = (await dns.lookup(host, { all: true }))
    .filter((a) => a.family === 4)
    .map((a) => procHex(a.address));
  return {
    port: port.toString(16).toUpperCase().padStart(4, '0'),
    addresses,
    label: `${host}:${port}`,
  };
}

async function connected(variable) {
  const raw = process.env[variable];
  if (!raw) throw new Error(`${variable} is not set`);
  // A host that does not resolve (a cluster member being replaced) must not hide a connection to another.
  const settled = await Promise.allSettled(
    raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => target(variable, part)),
  );
  const targets = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
  if (targets.length === 0) throw settled[0]?.reason ?? new Error(`${variable} names no URL`);
  return established(targets, variable);
}

/** Any host on the port (an empty address list matches on the port alone). */
function connectedToPort(port) {
  if (!/^\d{1,5}$/.test(port)) throw new Error(`${port}: not a port`);
  const hex = Number(port).toString(16).toUpperCase().padStart(4, '0');
  return established([{ port: hex, addresses: [], label: `*:${port}` }], `port ${port}`);
}

function established(targets, what) {
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines;
    try {
      lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const [, , remote, state] = line.trim().split(/\s+/);
      const [remoteIp, remotePort] = remote.split(':');
      if (state !== ESTABLISHED) continue;
      // IPv4 in tcp is 8 hex digits; in tcp6 an IPv4-mapped address ends in the same 8. An IPv6-only
      // target (no IPv4 address resolved) is matched on the port alone.
      const matches = (t) =>
        remotePort === t.port &&
        (t.addresses.length === 0 || t.addresses.some((hex) => remoteIp.endsWith(hex)));
      if (targets.some(matches)) return;
    }
  }
  throw new Error(`no established connection to ${targets.map((t) => t.label).join(' or ')} (${what})`);
}

async function main() {
  const [mode, arg] = process.argv.slice(2);
  if (mode === 'http') return http();
  if (mode === 'connected' && arg) return connected(arg);
  if (mode === 'connected-port' && arg) return connectedToPort(arg);
  console.error(
    'usage: healthcheck.cjs http | healthcheck.cjs connected <URL_VARIABLE> | healthcheck.cjs connected-port <PORT>',
  );
  process.exit(2);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`unhealthy: ${error.message}`);
    process.exit(1);
  },
);
