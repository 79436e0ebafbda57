import { DEVICE_CODE } from '../../domain/device';

/**
 * Who is asking, as the gateway sees it. Device accounts carry `device` and `device:<CODE>`;
 * the administrator's device also `reader`. Server admins work from the command line only.
 */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'device'; name: string; device: string; reader: boolean }
  | { kind: 'refused'; name: string; reason: string };

export function callerFrom(userCtx: { name?: unknown; roles?: unknown } | null): Caller {
  const name = typeof userCtx?.name === 'string' ? userCtx.name : null;
  if (!name) return { kind: 'anonymous' };
  const roles = Array.isArray(userCtx?.roles) ? userCtx.roles.filter((r): r is string => typeof r === 'string') : [];
  if (roles.includes('_admin')) return { kind: 'refused', name, reason: 'server admins use the command line (npm run central), not the browser path' };
  const codes = roles.filter((r) => r.startsWith('device:')).map((r) => r.slice('device:'.length));
  if (!roles.includes('device') || codes.length !== 1 || !DEVICE_CODE.test(codes[0]!)) {
    return { kind: 'refused', name, reason: 'this account is not a device account' };
  }
  return { kind: 'device', name, device: codes[0]!, reader: roles.includes('reader') };
}
