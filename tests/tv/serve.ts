/**
 * A tiny static server for a built dist/ on 127.0.0.1, and the headless Chromium the TV tests
 * look through. The server can pretend a new build came out: `publish(version)` changes what
 * /version.json says and, with `pages: true`, the data version the HTML pages carry.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
};

export interface DistServer {
  url: string;
  /** Requests served, path and query, in order. */
  requests: string[];
  /** A new build: /version.json says `version`; with `pages`, the HTML carries it too. */
  publish(version: string, options?: { pages?: boolean }): void;
  close(): Promise<void>;
}

export async function serveDist(dist: string): Promise<DistServer> {
  const original = (JSON.parse(readFileSync(join(dist, 'version.json'), 'utf8')) as { dataVersion: string }).dataVersion;
  let published: { version: string; pages: boolean } | undefined;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname + url.search);
    let file = join(dist, normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let body: Buffer | string = readFileSync(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (published && url.pathname === '/version.json') {
      body = body.toString('utf8').replace(original, published.version);
    } else if (published?.pages && type.startsWith('text/html')) {
      body = body.toString('utf8').replaceAll(original, published.version);
    }
    // The policy the site will be served with: no inline script or style anywhere.
    const csp = type.startsWith('text/html') ? { 'content-security-policy': "default-src 'self'; img-src 'self' data:" } : {};
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', ...csp }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    publish(version, options = {}) {
      published = { version, pages: options.pages ?? false };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The screens the brief names: a 1080p set, a 4K set at device pixel ratio 2, a 1080p set mounted upright. */
export const VIEWPORTS = [
  { name: '1920x1080', viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 },
  { name: '3840x2160@2', viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 },
  { name: '1080x1920', viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 1 },
] as const;
