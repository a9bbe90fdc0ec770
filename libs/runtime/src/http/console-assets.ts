import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { consoleCsp } from './security-headers';

/** apps/console's build (vite build), from the sources or from dist/ (npm run build builds and copies it). */
export const CONSOLE_DIR = path.resolve(__dirname, '../../../../apps/console/dist');

export interface ConsoleSettings {
  mapTileUrl?: string;
  mapTileAttribution?: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The part of Express's request and response this handler uses. */
interface Req {
  method: string;
  path: string;
  originalUrl: string;
  acceptsEncodings(...encodings: string[]): string | false;
}
interface Res {
  setHeader(name: string, value: string): void;
  status(code: number): Res;
  redirect(status: number, url: string): void;
  json(body: unknown): void;
  type(contentType: string): Res;
  end(body?: string): void;
  sendFile(
    file: string,
    options: { cacheControl: boolean; lastModified?: boolean },
    done?: (error?: Error) => void,
  ): void;
}

/**
 * The console at /console/: hashed assets precompressed (brotli or gzip by Accept-Encoding) and cached for a
 * year, index.html (any other path: the app routes in the browser) never cached, and /console/config.json,
 * the map settings the app reads at start. Every answer carries the console's own CSP.
 */
export function consoleAssets(settings: ConsoleSettings, dir = CONSOLE_DIR) {
  const csp = consoleCsp(settings.mapTileUrl);
  const config = {
    mapTileUrl: settings.mapTileUrl ?? null,
    mapTileAttribution: settings.mapTileAttribution ?? null,
  };
  return (req: Req, res: Res, next: () => void): void => {
    res.setHeader('Content-Security-Policy', csp);
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.originalUrl === '/console' || req.originalUrl.startsWith('/console?'))
      return res.redirect(301, `/console/${req.originalUrl.slice('/console'.length)}`);
    if (req.path === '/config.json') {
      res.setHeader('Cache-Control', 'no-cache');
      return res.json(config);
    }
    const file = path.resolve(dir, `.${req.path}`);
    if (req.path.startsWith('/assets/')) {
      if (!file.startsWith(`${dir}${path.sep}`) || !existsSync(file)) {
        res.setHeader('Cache-Control', 'no-store');
        return res.status(404).type('text/plain').end('Not found');
      }
      return sendCompressed(req, res, file, IMMUTABLE);
    }
    const index = path.join(dir, 'index.html');
    if (!existsSync(index)) {
      res.setHeader('Cache-Control', 'no-store');
      return res.status(503).type('text/plain').end('The console is not built: npm run console:build');
    }
    sendCompressed(req, res, index, 'no-cache');
  };
}

function sendCompressed(req: Req, res: Res, file: string, cacheControl: string): void {
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('Vary', 'Accept-Encoding');
  res.type(TYPES[path.extname(file)] ?? 'application/octet-stream');
  const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
  const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : '';
  if (suffix && existsSync(file + suffix)) {
    res.setHeader('Content-Encoding', encoding as string);
    return res.sendFile(file + suffix, { cacheControl: false });
  }
  res.sendFile(file, { cacheControl: false });
}
