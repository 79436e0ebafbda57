import { Agent, request } from 'undici';

export class StoreUnavailable extends Error {
  constructor(cause: string) {
    super(`the central store is not answering (${cause})`);
    this.name = 'StoreUnavailable';
  }
}

export interface StoreAnswer {
  status: number;
  contentType: string | null;
  body: Buffer;
}

export interface Upstream {
  /** `path` is relative to the store's base URL (no leading slash), query included. */
  send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<StoreAnswer>;
  close(): Promise<void>;
}

const TIMEOUT_MS = 120_000;

/** The store behind the gateway, reached with undici's keep-alive agent. Answers are read whole. */
export function createUpstream(baseUrl: string): Upstream {
  const agent = new Agent({ connections: 16, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });
  return {
    async send(method, path, headers, body) {
      try {
        const res = await request(new URL(path, baseUrl), { method: method as 'GET', headers, body, dispatcher: agent });
        const buffer = Buffer.from(await res.body.arrayBuffer());
        const type = res.headers['content-type'];
        return { status: res.statusCode, contentType: typeof type === 'string' ? type : null, body: buffer };
      } catch (err) {
        const code = (err as { code?: string }).code ?? (err as Error).name;
        throw new StoreUnavailable(code);
      }
    },
    close: () => agent.close(),
  };
}

export function jsonOf(answer: StoreAnswer): unknown {
  try {
    return JSON.parse(answer.body.toString('utf8'));
  } catch {
    return null;
  }
}
