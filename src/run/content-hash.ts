/** A text's hash, for the cache: node:crypto is loaded only by runs that use it, as it costs start-up time. */
let crypto: typeof import("node:crypto") | undefined;

export async function contentHash(text: string): Promise<string> {
  crypto ??= await import("node:crypto");
  return crypto.createHash("sha1").update(text).digest("base64");
}
