/** A text's hash, for the cache: node:crypto is loaded only by runs that use it, as it costs start-up time. */
import { createRequire } from "node:module";

let crypto: typeof import("node:crypto") | undefined;

/** Synchronous, so that a file's result is complete the moment it is linted (src/run/lint-job.ts). */
export function contentHash(text: string | Uint8Array): string {
  crypto ??= createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto");
  return crypto.createHash("sha1").update(text).digest("base64");
}

/** Which version of a file a text is: its hash, and the file's stamp when it was read from disk. */
export interface ReadVersion {
  hash: string;
  stamp?: string;
}

export function versionOf(read: { text: string; stamp?: string }): ReadVersion {
  return { hash: contentHash(read.text), ...(read.stamp !== undefined ? { stamp: read.stamp } : {}) };
}
