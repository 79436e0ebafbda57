import { storageLevel, type StorageLevel } from '../domain/storage';

export interface StorageStatus {
  persisted: boolean | null;
  usage: number | undefined;
  quota: number | undefined;
  level: StorageLevel;
}

/** Ask the browser not to evict our IndexedDB when space runs short; answers whether it agreed. */
export async function requestPersistence(): Promise<boolean | null> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return null;
  if (await storage.persisted()) return true;
  return storage.persist();
}

export async function readStorageStatus(): Promise<StorageStatus> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  const persisted = storage?.persisted ? await storage.persisted() : null;
  const estimate = storage?.estimate ? await storage.estimate() : {};
  return { persisted, usage: estimate.usage, quota: estimate.quota, level: storageLevel(estimate.usage, estimate.quota) };
}
