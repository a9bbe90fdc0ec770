import { patroniHaproxyConfig, renderHaproxyConfig } from './haproxy';

const nodes = [
  { name: 'pg-1', pgPort: 6001, port: 7001 },
  { name: 'pg-2', pgPort: 6002, port: 7002 },
];

describe('HAProxy configuration', () => {
  it('routes the primary port to the node whose Patroni /primary answers 200, cutting sessions when it falls', () => {
    const text = renderHaproxyConfig(patroniHaproxyConfig(nodes, { primaryPort: 5000 }), 8404);
    const primary = text.slice(text.indexOf('backend patroni_primary'));
    expect(text).toContain(
      'frontend postgres_primary\n  mode tcp\n  bind 127.0.0.1:5000\n  default_backend patroni_primary',
    );
    expect(primary).toContain('http-check send meth OPTIONS uri /primary');
    expect(primary).toContain('http-check expect status 200');
    expect(primary).toContain('default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions');
    expect(primary).toContain('server pg-1 127.0.0.1:6001 check port 7001');
    expect(primary).toContain('server pg-2 127.0.0.1:6002 check port 7002');
    expect(text).not.toContain('patroni_replicas');
    expect(text).toContain('frontend stats\n  mode http\n  bind 127.0.0.1:8404');
  });

  it('adds a replicas port checked on /replica when asked', () => {
    const text = renderHaproxyConfig(
      patroniHaproxyConfig(nodes, { primaryPort: 5000, replicasPort: 5001 }),
      8404,
    );
    expect(text).toContain('bind 127.0.0.1:5001\n  default_backend patroni_replicas');
    expect(text.slice(text.indexOf('backend patroni_replicas'))).toContain('uri /replica');
  });

  it('renders any TCP or HTTP frontend, a TCP-checked backend without an HTTP check', () => {
    const text = renderHaproxyConfig(
      {
        frontends: [
          { name: 'mqtt', mode: 'tcp', port: 1884, backend: 'brokers' },
          { name: 'api', mode: 'http', host: '0.0.0.0', port: 8080, backend: 'apis' },
        ],
        backends: [
          { name: 'brokers', mode: 'tcp', servers: [{ name: 'b1', port: 1885 }], balance: 'leastconn' },
          {
            name: 'apis',
            mode: 'http',
            servers: [{ name: 'a1', host: '10.0.0.2', port: 3000 }],
            httpCheck: { path: '/health/ready' },
            serverOptions: 'inter 1s fall 3 rise 2',
          },
        ],
      },
      8404,
    );
    expect(text).toContain(
      'backend brokers\n  mode tcp\n  balance leastconn\n  default-server inter 500ms fall 2 rise 1\n  server b1 127.0.0.1:1885 check\n',
    );
    expect(text).toContain('frontend api\n  mode http\n  bind 0.0.0.0:8080');
    expect(text).toContain('http-check send meth GET uri /health/ready');
    expect(text).toContain('default-server inter 1s fall 3 rise 2\n  server a1 10.0.0.2:3000 check');
  });

  it('refuses a frontend whose backend is missing', () => {
    expect(() =>
      renderHaproxyConfig(
        { frontends: [{ name: 'x', mode: 'tcp', port: 1, backend: 'nowhere' }], backends: [] },
        2,
      ),
    ).toThrow(/nowhere/);
  });
});
