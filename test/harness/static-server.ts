/** Serves the production build of the renderer on localhost (an origin the Calling SDK accepts). */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
  /** Extra pages (e.g. a foreign iframe host) keyed by path. */
  extraPages: Map<string, string>;
  /** POST handlers keyed by path: the JSON body in, a JSON answer out. */
  postHandlers: Map<string, (body: unknown, referer: string) => Promise<unknown>>;
}

export async function serveDirectory(root: string): Promise<StaticServer> {
  const extraPages = new Map<string, string>();
  const postHandlers: StaticServer['postHandlers'] = new Map();
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const post = req.method === 'POST' ? postHandlers.get(path) : undefined;
    if (post) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = await post(JSON.parse(Buffer.concat(chunks).toString('utf8')), req.headers.referer ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      return;
    }
    const extra = extraPages.get(path);
    if (extra) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(extra);
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(normalize(root))) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    origin: `http://localhost:${address.port}`,
    extraPages,
    postHandlers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
