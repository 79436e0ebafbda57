import { HisFileError } from '../domain/hisIndex/record';

/** 1 MiB: some ten thousand index rows a chunk, and a small, steady memory whatever the file's size. */
export const CHUNK_BYTES = 1024 * 1024;

export interface TextChunk {
  text: string;
  /** Bytes of the file read so far. */
  bytes: number;
}

/**
 * A file's text, one slice at a time (never the whole file in memory). UTF-8, the CSV and FHIR
 * norm, or UTF-16 when the file starts with its byte order mark (Excel's "Unicode text"); bytes
 * that are neither stop the reading, as guessing an encoding would garble every Hindi name.
 */
export async function* fileText(file: Blob, chunkBytes = CHUNK_BYTES): AsyncGenerator<TextChunk> {
  let decoder: TextDecoder | null = null;
  for (let start = 0; start < file.size || start === 0; start += chunkBytes) {
    const bytes = new Uint8Array(await sliceBytes(file.slice(start, start + chunkBytes)));
    decoder ??= new TextDecoder(bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : 'utf-8', { fatal: true });
    const end = start + chunkBytes >= file.size;
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: !end });
    } catch {
      throw new HisFileError('notUtf8', 0);
    }
    yield { text, bytes: Math.min(file.size, start + chunkBytes) };
    if (end) return;
  }
}

/** A file's bytes, one slice at a time (a backup bundle: never the whole file in memory). */
export async function* fileBytes(file: Blob, chunkBytes = 1024 * 1024): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < file.size; start += chunkBytes) yield new Uint8Array(await sliceBytes(file.slice(start, start + chunkBytes)));
}

/** Blob.arrayBuffer where the browser has it, else a FileReader (older WebViews). */
function sliceBytes(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('file could not be read'));
    reader.readAsArrayBuffer(blob);
  });
}
