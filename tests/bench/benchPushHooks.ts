import { signHead } from '../../src/crypto/headSignature';
import type { PushCheckpoint, PushHooks } from '../../src/sync/pusher';

/**
 * A benchmark push's hooks: the checkpoint in memory, any refusal an error (the bench pushes
 * only valid events), no pause, every batch head signed as device `device`.
 */
export function benchPushHooks(privateKey: CryptoKey, device: string): PushHooks {
  let checkpoint: PushCheckpoint = { confirmedSeq: 0 };
  return {
    loadCheckpoint: async () => checkpoint,
    saveCheckpoint: async (c) => { checkpoint = c; },
    refused: async (doc, reason) => { throw new Error(`refused ${doc._id}: ${reason}`); },
    progress: () => {},
    gate: async () => {},
    signHead: (seq, hash) => signHead(privateKey, device, seq, hash),
  };
}
