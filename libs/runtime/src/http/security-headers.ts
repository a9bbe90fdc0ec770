/** A request and response as Express hands them to a middleware (the part used here). */
interface Req {
  path: string;
}
interface Res {
  setHeader(name: string, value: string): void;
  removeHeader(name: string): void;
}

/**
 * The dashboard's Content-Security-Policy: its own scripts and data only. Styles may be inline because
 * charts set SVG styles from code; nothing else is. The OpenAPI UI (/api/docs) ships inline scripts and
 * gets no CSP.
 */
export const DASHBOARD_CSP = contentSecurityPolicy("'self' 'unsafe-inline'", "'self' data:");

/** Where the console (apps/console) is served; it sets its own, stricter policy (console-assets.ts). */
export const CONSOLE_PATH = '/console';

/**
 * The console's Content-Security-Policy: no inline script or style at all (its build has none), images
 * from itself, data: URLs and, only when MAP_TILE_URL is set, the tile host.
 */
export function consoleCsp(mapTileUrl: string | undefined): string {
  const tileHost = mapTileUrl && /^(https?:\/\/[^/]+)/.exec(mapTileUrl)?.[1].replace('{s}', '*');
  return contentSecurityPolicy("'self'", `'self' data:${tileHost ? ` ${tileHost}` : ''}`);
}

/** Own scripts, data and fonts only, no plugins, frames or foreign forms; the styles and images as given. */
function contentSecurityPolicy(styleSrc: string, imgSrc: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${styleSrc}`,
    `img-src ${imgSrc}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Security headers on every HTTP answer (OWASP secure-headers baseline). */
export function securityHeaders(req: Req, res: Res, next: () => void): void {
  res.removeHeader('X-Powered-By');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  // Honoured only over HTTPS (a TLS-terminating proxy in production); harmless on plain HTTP.
  res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  const isConsole = req.path === CONSOLE_PATH || req.path.startsWith(`${CONSOLE_PATH}/`);
  if (!req.path.startsWith('/api/docs') && !isConsole)
    res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
  // Answers carry readings, alerts and tokens: no shared cache keeps them.
  if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  next();
}
