// Ports and a static file server. The server is separate from the browsers so a test can stop it
// (the "network is gone" case) and start it again on the same port: a service worker is bound to
// its origin, and the origin includes the port.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect, createServer as createNetServer } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  readonly port: number;
  /** e.g. http://127.0.0.1:4173/ */
  readonly url: string;
  readonly running: boolean;
  /** Serve another folder from now on (a new build of the app, same origin). */
  setRoot(root: string): void;
  start(): Promise<void>;
  /** Stops listening and drops open (keep-alive) connections, so the browser really sees it gone. */
  stop(): Promise<void>;
}

/**
 * Serves `root` on 127.0.0.1:`port` (a free port if omitted). Paths with no file behind them get
 * index.html (SPA fallback) unless they look like a file (have an extension): a missing asset
 * must 404, not silently become HTML. no-cache everywhere so the service worker, not the HTTP
 * cache, is what keeps the app available offline.
 */
export async function staticServer(root: string, port?: number): Promise<StaticServer> {
  let base = resolve(root);
  const fixedPort = port ?? (await freePort());
  let server: Server | null = null;

  async function fileFor(pathname: string): Promise<string | null> {
    const path = normalize(join(base, decodeURIComponent(pathname)));
    if (path !== base && !path.startsWith(base + sep)) return null;
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) return path;
    if (info?.isDirectory()) {
      const index = join(path, 'index.html');
      if ((await stat(index).catch(() => null))?.isFile()) return index;
    }
    return extname(pathname) === '' ? join(base, 'index.html') : null;
  }

  function handler(): Server {
    return createServer((req, res) => {
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      fileFor(pathname)
        .then((file) => {
          if (file === null || (req.method !== 'GET' && req.method !== 'HEAD')) {
            res.writeHead(file === null ? 404 : 405, { 'content-type': 'text/plain' }).end('not found');
            return;
          }
          res.writeHead(200, {
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
            'cache-control': 'no-cache',
          });
          if (req.method === 'HEAD') res.end();
          else createReadStream(file).on('error', () => res.destroy()).pipe(res);
        })
        .catch(() => res.writeHead(500).end());
    });
  }

  return {
    port: fixedPort,
    url: `http://127.0.0.1:${fixedPort}/`,
    get running() {
      return server !== null;
    },
    setRoot(next) {
      base = resolve(next);
    },
    async start() {
      if (server) return;
      const next = handler();
      await new Promise<void>((ok, fail) => {
        next.once('error', fail);
        next.listen(fixedPort, '127.0.0.1', () => ok());
      });
      server = next;
    },
    async stop() {
      const current = server;
      if (!current) return;
      server = null;
      await new Promise<void>((ok) => {
        current.close(() => ok());
        current.closeAllConnections();
      });
    },
  };
}
