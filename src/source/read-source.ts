/**
 * Reads a milestone or plan as UTF-8 text, or says in a sentence why it cannot be
 * linted: too large, binary, UTF-16, not valid UTF-8, unreadable, not a regular
 * file, a symlink out of the tree. Never throws. The bytes are read by
 * read-file.ts, the reader of every file the tool reads. The one place text comes
 * from: an override (an editor's unsaved buffer, standard input) stands in for the
 * file on disk, whether or not the file exists, and is judged by the same rules.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, realpathSync, type BigIntStats } from "node:fs";
import { isUtf8 } from "node:buffer";
import { relativeInside } from "../shared/paths.js";
import type { Overrides } from "../shared/types.js";
import { checkRegularFile, describeSize, FileRefused, kindOf, readAtMost, refusalOf } from "./read-file.js";

/** Milestones are a few KB; anything this large is a mistake and is not parsed. */
export const MAX_FILE_BYTES = 512 * 1024;

export type ReadOutcome =
  | {
      ok: true;
      text: string;
      /**
       * This very file on this disk: device, inode, size and change times. A copy of
       * the file, a checkout of it or any write to it gets another stamp, and no
       * program can set the change time back, so the cache keys results by it.
       * None for an override, which is not the file on disk.
       */
      stamp?: string;
    }
  | { ok: false; message: string; line?: number; column?: number };

function stampOf(info: BigIntStats): string {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence. */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (need > 0 && !isUtf8(buf.subarray(i, i + need + 1))) return i;
    i += need + 1;
  }
  return i;
}

/** Where the text that ends with `before` ends. */
function endOf(before: string): { line: number; column: number } {
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function tooLarge(bytes: number, maxBytes: number): ReadOutcome {
  return {
    ok: false,
    message: `File is ${describeSize(bytes)}; files over ${describeSize(maxBytes)} are not linted (a milestone is a few KiB).`,
  };
}

/** The NUL of a binary file, wherever it is: in bytes or in text. */
function binary(at: { line: number; column: number }): ReadOutcome {
  return { ok: false, message: "File looks binary (it contains a NUL byte); milestone files must be UTF-8 text.", ...at };
}

export function decode(buf: Buffer): ReadOutcome {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    return { ok: false, message: "File is UTF-16 encoded (it starts with a UTF-16 byte-order mark); save it as UTF-8." };
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) return binary(endOf(buf.subarray(0, nul).toString("utf8")));
  if (!isUtf8(buf)) {
    const at = firstInvalidUtf8(buf);
    return {
      ok: false,
      message: `File is not valid UTF-8 (byte 0x${(buf[at] ?? 0).toString(16).padStart(2, "0")} at offset ${at}); save it as UTF-8.`,
      ...endOf(buf.subarray(0, at).toString("utf8")),
    };
  }
  return { ok: true, text: buf.toString("utf8") };
}

/**
 * A file is read only when its real path lies inside `root` (the `exec_plans`
 * folder): a loop, a dangling link, or a link (of the file or of a folder above
 * it) leading out of the tree is reported, and its target is neither read nor,
 * by `--fix`, written.
 */
function checkLinks(file: string, root: string): string | undefined {
  const isLink = lstatSync(file).isSymbolicLink();
  let target = "";
  if (isLink) {
    try {
      target = readlinkSync(file);
    } catch {
      target = "?";
    }
  }
  let real: string;
  try {
    real = realpathSync.native(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return `File is a symlink loop (it points to "${target}", which leads back to itself); remove the link.`;
    if (code === "ENOENT") return `File is a dangling symlink: its target "${target}" does not exist; remove the link or restore the file.`;
    return `File is a symlink that cannot be followed (${refusalOf(error).message}).`;
  }
  let realRoot: string;
  try {
    realRoot = realpathSync.native(root);
  } catch {
    realRoot = root;
  }
  if (real !== realRoot && relativeInside(realRoot, real) === undefined) {
    const via = isLink ? `is a symlink to "${target}"` : `is reached through a symlinked folder (it is really "${real}")`;
    return `File ${via}, outside the exec_plans folder; it is not linted or fixed. Move the file into the tree instead of linking to it.`;
  }
  return undefined;
}

/** An override judged as the file would be: the same size cap, and a NUL means binary. */
function fromOverride(content: string | Uint8Array, maxBytes: number): ReadOutcome {
  if (typeof content !== "string") {
    const buf = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    return buf.length > maxBytes ? tooLarge(buf.length, maxBytes) : decode(buf);
  }
  const bytes = Buffer.byteLength(content, "utf8");
  if (bytes > maxBytes) return tooLarge(bytes, maxBytes);
  const nul = content.indexOf("\0");
  return nul < 0 ? { ok: true, text: content } : binary(endOf(content.slice(0, nul)));
}

/**
 * Reads `file` (a milestone or plan under `root`), or its override; never throws.
 * Synchronous: files are read one after another, and for files of a few KiB the
 * promise API's round trips through the thread pool cost several times the read itself.
 */
export function readSource(file: string, root: string, overrides?: Overrides, maxBytes = MAX_FILE_BYTES): ReadOutcome {
  const override = overrides?.get(file);
  if (override !== undefined) return fromOverride(override, maxBytes);
  let fd: number | undefined;
  try {
    const problem = checkLinks(file, root);
    if (problem) return { ok: false, message: problem };
    checkRegularFile(file);
    // O_NONBLOCK: a file swapped for a named pipe since opens at once (and is refused below) instead of hanging the run.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = fstatSync(fd, { bigint: true });
    if (!info.isFile()) return { ok: false, message: `File is ${kindOf(info)}, not a regular file; it is not read.` };
    if (info.size > maxBytes) return tooLarge(Number(info.size), maxBytes);
    const read = decode(readAtMost(fd, maxBytes, Number(info.size)));
    return read.ok ? { ...read, stamp: stampOf(info) } : read;
  } catch (error) {
    if (error instanceof FileRefused && error.reason === "not-regular") return { ok: false, message: `File ${error.message.replace(/^it /, "")}; it is not read.` };
    if (error instanceof FileRefused && error.size !== undefined) return tooLarge(error.size, maxBytes);
    const refusal = refusalOf(error);
    return { ok: false, message: `File cannot be read: ${refusal.reason === "missing" ? "it no longer exists" : refusal.message}.` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
