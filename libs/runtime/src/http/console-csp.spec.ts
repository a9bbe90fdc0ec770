import { consoleCsp } from './security-headers';

describe("the console's Content-Security-Policy", () => {
  const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

  it('allows no inline script or style, and images only from itself without a tile URL', () => {
    const csp = consoleCsp(undefined);
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(directive(csp, 'style-src')).toBe("style-src 'self'");
    expect(directive(csp, 'img-src')).toBe("img-src 'self' data:");
    expect(csp).not.toContain('unsafe');
  });

  it('adds the tile host, and only it, when MAP_TILE_URL is set ({s} subdomains as a wildcard)', () => {
    expect(directive(consoleCsp('https://tile.openstreetmap.org/{z}/{x}/{y}.png'), 'img-src')).toBe(
      "img-src 'self' data: https://tile.openstreetmap.org",
    );
    expect(directive(consoleCsp('https://{s}.tiles.example.vn:8443/hp/{z}/{x}/{y}.png'), 'img-src')).toBe(
      "img-src 'self' data: https://*.tiles.example.vn:8443",
    );
  });
});
