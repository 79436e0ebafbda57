import type { BundleSink } from '../../device/backupDesk';

interface Writable { write(data: Uint8Array): Promise<void>; close(): Promise<void>; abort(): Promise<void> }
type SavePicker = (options: { suggestedName: string; types: Array<{ description: string; accept: Record<string, string[]> }> }) => Promise<{ createWritable(): Promise<Writable> }>;

/** The user closed the file picker: not an error, nothing to say. */
export const cancelled = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';

export type WriteFailure = 'full' | 'gone' | 'denied' | 'other';

/**
 * Why the browser could not write the bundle, as one of the translated messages (the browser's
 * own text is English whatever the screen's language): a full stick or card, one taken out or a
 * file removed under the writer, a place the browser may not write to, or anything else it
 * reports. Null for what is not the browser's (a rule of the app, said by errorText).
 */
export function writeFailure(err: unknown): WriteFailure | null {
  if (!(err instanceof DOMException)) return null;
  return BY_NAME[err.name] ?? 'other';
}

const BY_NAME: Record<string, WriteFailure> = {
  QuotaExceededError: 'full', NotFoundError: 'gone', NotReadableError: 'gone', NotAllowedError: 'denied', SecurityError: 'denied',
};

/**
 * Where a bundle is written: with the File System Access API (Chromium) straight into the file the
 * user picks (a USB stick, an SD card, a shared folder), piece by piece; elsewhere as a download,
 * whose pieces are kept until the end (a Blob of them, which the browser may hold on disk).
 */
/** `description`: the file type's name in the save dialog, in the user's language. */
export async function openBundleSink(fileName: string, description: string): Promise<BundleSink> {
  const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  if (picker) {
    const handle = await picker({ suggestedName: fileName, types: [{ description, accept: { 'application/octet-stream': ['.ddbundle'] } }] });
    const writable = await handle.createWritable();
    return { write: (chunk) => writable.write(chunk), close: () => writable.close(), abort: () => writable.abort() };
  }
  const parts: BlobPart[] = [];
  return {
    write: async (chunk) => { parts.push(chunk as Uint8Array<ArrayBuffer>); },
    close: async () => {
      const url = URL.createObjectURL(new Blob(parts, { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    abort: async () => { parts.length = 0; },
  };
}
