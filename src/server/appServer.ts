import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { gatewayPlugin, type GatewayOptions } from './gateway/gateway';
import { cacheControlFor, SECURITY_HEADERS } from './securityHeaders';
import { useNodeSha256 } from './nativeHash';

export interface AppServerOptions {
  /** The built app (vite build's dist/). */
  distDir: string;
  /** The central gateway; without it `/central/` answers 503 (e.g. tests of the app alone). */
  gateway: GatewayOptions | null;
  log?: (line: string) => void;
}

/**
 * The one HTTP server of `npm start`: the built app as static files and the central gateway.
 * Security headers go on every answer, errors never carry stack traces or paths, and a missing
 * file is a 404 (the app routes by hash, so only `/` is the app's page).
 */
export async function createAppServer(options: AppServerOptions): Promise<FastifyInstance> {
  useNodeSha256();
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, return503OnClosing: true, forceCloseConnections: true });
  app.addHook('onSend', async (req, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', cacheControlFor(req.url.split('?')[0] ?? '/'));
    return payload;
  });
  await app.register(fastifyStatic, { root: options.distDir, index: ['index.html'], dotfiles: 'deny', cacheControl: false, etag: true, lastModified: true });
  if (options.gateway) {
    await app.register(gatewayPlugin, options.gateway);
  } else {
    app.all('/central/*', async (_req, reply) => reply.status(503).send({ error: 'unavailable', reason: 'This server has no central store.' }));
  }
  app.setNotFoundHandler(async (_req, reply) => reply.status(404).type('text/plain; charset=utf-8').send('Not found'));
  app.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) options.log?.(`${req.method} ${req.url.split('?')[0]}: ${err.stack ?? err.message}`);
    return reply.status(status).type('text/plain; charset=utf-8').send(status === 500 ? 'Server error' : err.message);
  });
  return app;
}
