import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { basicAuthHeader, type BasicAuth } from '../../central/credentials';
import { parseBoundedJson } from './boundedJson';
import { PushPipeline } from './pushPipeline';
import { replaceWithStatement } from './keyReplacement';
import { LoginThrottle } from './loginThrottle';
import { SIGNED_HEAD_HEADER } from '../../domain/sync/signedHead';
import { checkKeyRegistration, checkOwnKeys, checkRevsDiff, checkStatus, firstSeq, judgeBatch, readBulkBody, Refusal, StoreFacts, tailOfBatch } from './pushRules';
import { CENTRAL_PREFIX, readCentralPath } from './requestPath';
import { decide, type Route } from './routes';
import { credentialsOf, Sessions, type Credentials } from './sessions';
import { jsonOf, StoreUnavailable, type StoreAnswer, type Upstream } from './upstream';
import type { Caller } from './caller';
import type { Verdict } from '../../domain/sync/pushCheck';

export interface GatewayOptions {
  upstream: Upstream;
  db: string;
  /** The store's server admin, for the gateway's own reads (all-clear, what is stored). */
  admin: BasicAuth | null;
  /** Origins allowed to call `/central/` from another site (DD_CORS_ORIGINS); none by default. */
  corsOrigins: readonly string[];
  now?: () => Date;
  log?: (line: string) => void;
}

/** Enough for the app's default batch of 2,000 events; a bigger one gets 413 and the app halves it. */
export const GATEWAY_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * `/central/` on the app's origin: deny by default. Every request is checked on its raw path,
 * authenticated against the store's `_session`, matched against the route table with the
 * caller's role, and only then forwarded with the caller's own credentials, so the store's own
 * permissions and validate_doc_update apply as well. Pushes are checked here in full first.
 * Registered as an encapsulated Fastify plugin, so its error handler answers its routes only.
 */
export async function gatewayPlugin(app: FastifyInstance, options: GatewayOptions): Promise<void> {
  const { upstream, db } = options;
  const now = options.now ?? (() => new Date());
  const sessions = new Sessions(upstream);
  const facts = new StoreFacts(upstream, db, options.admin ? { authorization: basicAuthHeader(options.admin) } : {});
  const pipeline = new PushPipeline();
  const throttle = new LoginThrottle();

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    cors(req, reply, options.corsOrigins);
    const path = readCentralPath(req.raw.url ?? '');
    if (!path.ok) return refuse(reply, path.status, path.status === 404 ? 'not_found' : 'bad_request', path.reason);
    const credentials = credentialsOf(req.headers);
    const wait = throttle.blockedFor(req.ip);
    if (wait > 0) {
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      return refuse(reply, 429, 'too_many_requests', 'Too many wrong passwords from this address: wait a few minutes.');
    }
    const caller = await sessions.callerOf(credentials);
    if (caller === 'unauthorized') {
      throttle.failed(req.ip);
      return refuse(reply, 401, 'unauthorized', 'Name or password is incorrect.');
    }
    const decision = decide(req.method, path.segments, path.query, caller, db);
    if (!decision.ok) return refuse(reply, decision.status, errorName(decision.status), decision.reason);
    const storePath = (req.raw.url ?? '').slice(CENTRAL_PREFIX.length + 1);
    return handle(decision.route, caller, req, reply, storePath, credentials);
  };

  async function handle(route: Route, caller: Caller, req: FastifyRequest, reply: FastifyReply, storePath: string, credentials: Credentials) {
    // decide() lets only devices through to the routes that read `device` below.
    const device = () => {
      if (caller.kind !== 'device') throw new Refusal(403, 'forbidden', 'this route is for device accounts');
      return caller;
    };
    /** `body`: a value, or the JSON text already made. */
    const forward = (body?: unknown) => upstream.send(req.method, storePath, {
      accept: 'application/json', ...credentials.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    }, body === undefined ? undefined : body instanceof StoreBody ? body.json : JSON.stringify(body));
    switch (route.handling) {
      case 'forward':
        return pass(reply, await forward(req.body ?? undefined));
      case 'welcome': {
        // The store's own welcome, and which database this app uses (DD_DB_NAME), for the resync form.
        const answer = await forward();
        const welcome = jsonOf(answer);
        if (answer.status !== 200 || typeof welcome !== 'object' || welcome === null) return pass(reply, answer);
        return reply.status(200).header('cache-control', 'no-store').send({ ...welcome, downtime_desk: { database: db } });
      }
      case 'revsDiff':
        checkRevsDiff(req.body, device().device);
        return pass(reply, await forward(req.body));
      case 'ownKeys':
        checkOwnKeys(req.body, device().device);
        return pass(reply, await forward(req.body));
      case 'keyRegister': {
        const { device: code } = device();
        const known = await checkKeyRegistration(facts, req.body, code, `devicekey:${code}`);
        if (known.kind === 'same') return reply.status(200).header('cache-control', 'no-store').send({ ok: true, id: `devicekey:${code}` });
        if (known.kind === 'replacement') {
          await replaceWithStatement(facts, known.doc, known.held, known.statement, now());
          options.log?.(`device ${code}: key replaced by a replacement statement; the old key's pushes are refused from now on`);
          return reply.status(201).header('cache-control', 'no-store').send({ ok: true, id: `devicekey:${code}`, replaced: true });
        }
        facts.forgetKey(code);
        return pass(reply, await forward(known.doc));
      }
      case 'statusWrite':
        await checkStatus(facts, req.body, device().device, `device:${device().device}`);
        return pass(reply, await forward(req.body));
      case 'bulkDocs': {
        const docs = readBulkBody(req.body);
        const pusher = device();
        const signed = req.headers[SIGNED_HEAD_HEADER];
        return pipeline.run(pusher.device, firstSeq(docs), {
          // The store's body is made while the batch before is written: the store then goes from
          // one write to the next without waiting for it.
          judge: async (after) => toWrite(await judgeBatch(facts, pusher, docs, now(), typeof signed === 'string' ? signed : undefined, after)),
          tailOf: ({ verdicts }) => tailOfBatch(verdicts),
          write: async ({ body, refused }) => {
            if (refused.length) options.log?.(`push from ${pusher.name}: ${refused.length} of ${docs.length} refused, first ${refused[0]!.id}: ${refused[0]!.reason}`);
            if (body === null) return { answer: () => reply.status(201).send(refused), inFull: false };
            const answer = await forward(body);
            if (answer.status !== 201 && answer.status !== 200 && answer.status !== 202 && answer.status !== 417) return { answer: () => pass(reply, answer), inFull: false };
            const failures = (Array.isArray(jsonOf(answer)) ? jsonOf(answer) as Array<{ error?: string }> : []).filter((r) => r.error);
            // A cluster's 202 (fewer copies than its write quorum) stays a 202: the app must not
            // take it for a durable write.
            return { answer: () => reply.status(answer.status === 202 ? 202 : 201).send([...failures, ...refused]), inFull: failures.length === 0 };
          },
        }).then((answer) => answer());
      }
    }
  }

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? undefined : parseBoundedJson(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.route({ method: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH'], url: CENTRAL_PREFIX, handler });
  app.route({ method: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH'], url: `${CENTRAL_PREFIX}/*`, handler, bodyLimit: GATEWAY_BODY_LIMIT });
  app.route({ method: 'OPTIONS', url: `${CENTRAL_PREFIX}/*`, handler: (req, reply) => preflight(req, reply, options.corsOrigins) });
  app.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    if (err instanceof Refusal) return refuse(reply, err.status, err.error, err.message);
    if (err instanceof StoreUnavailable) {
      options.log?.(`${req.method} ${req.url.split('?')[0]}: ${err.message}`);
      return refuse(reply, 503, 'unavailable', 'The central store is not answering: try again in a minute.');
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) options.log?.(`${req.method} ${req.url.split('?')[0]}: ${err.stack ?? err.message}`);
    // A client's mistake is told in a line; nothing about our code or paths leaves the server.
    return refuse(reply, status, status === 500 ? 'internal' : errorName(status), status === 500 ? 'Something went wrong on the server; it has been logged.' : err.message);
  });
}

/** JSON text made ahead for the store, told apart from a value to be serialised. */
class StoreBody {
  constructor(readonly json: string) {}
}

/** What a judged batch sends to the store (null: nothing) and what it answers as refused. */
function toWrite(verdicts: Verdict[]) {
  const send = verdicts.flatMap((v) => (v.action === 'send' ? [v.doc] : []));
  const refused = verdicts.flatMap((v) => (v.action === 'refuse' ? [{ id: v.id, error: 'forbidden', reason: v.reason }] : []));
  return { verdicts, refused, body: send.length ? new StoreBody(JSON.stringify({ docs: send, new_edits: false })) : null };
}

function pass(reply: FastifyReply, answer: StoreAnswer) {
  reply.status(answer.status).header('content-type', answer.contentType ?? 'application/json').header('cache-control', 'no-store');
  return reply.send(answer.body);
}

function refuse(reply: FastifyReply, status: number, error: string, reason: string) {
  return reply.status(status).header('cache-control', 'no-store').send({ error, reason });
}

function errorName(status: number): string {
  return ({ 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 413: 'too_large', 415: 'bad_content_type' } as Record<number, string>)[status] ?? 'error';
}

function cors(req: FastifyRequest, reply: FastifyReply, origins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || !origins.includes(origin)) return false;
  reply.header('access-control-allow-origin', origin).header('access-control-allow-credentials', 'true').header('vary', 'origin');
  return true;
}

function preflight(req: FastifyRequest, reply: FastifyReply, origins: readonly string[]) {
  if (!cors(req, reply, origins)) return refuse(reply, 404, 'not_found', 'no such route on the central gateway');
  reply.header('access-control-allow-methods', 'GET, HEAD, PUT, POST').header('access-control-allow-headers', `accept, authorization, content-type, ${SIGNED_HEAD_HEADER}`).header('access-control-max-age', '600');
  return reply.status(204).send();
}
