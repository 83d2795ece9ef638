import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Test helper: a local HTTP server on 127.0.0.1 with per-path handlers; `url(path)` addresses it. */
export type LocalServer = { port: number; url: (path: string) => string; close: () => Promise<void> };

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Starts a server on 127.0.0.1 (random port) answering each path with its handler, 404 otherwise. */
export async function startLocalServer(routes: Record<string, Handler>): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const h = routes[path];
    if (h) return h(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A resolver that answers fixed addresses for the given names (and fails others). */
export function fakeResolver(map: Record<string, string>) {
  return async (hostname: string) => {
    const address = map[hostname];
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
}
