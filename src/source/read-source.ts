/**
 * Reads a milestone or plan as UTF-8 text, or says in a sentence why it cannot be
 * linted: too large, binary, UTF-16, not valid UTF-8, unreadable, not a regular
 * file, a symlink out of the tree. Never throws. The bytes are read by
 * read-file.ts, the reader of every file the tool reads. The one place text comes
 * from: an override (an editor's unsaved buffer, standard input) stands in for the
 * file on disk, whether or not the file exists, and is judged by the same rules.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, realpathNative, type BigIntStats } from "../shared/read-fs.js";
import { isUtf8 } from "node:buffer";
import { relativeInside } from "../shared/paths.js";
import type { Overrides, ReadAhead, ReadOutcome } from "../shared/types.js";
import { checkRegularFile, describeSize, FileRefused, kindOf, readAtMost, refusalOf } from "./read-file.js";

/** Milestones are a few KB; anything this large is a mistake and is not parsed. */
export const MAX_FILE_BYTES = 512 * 1024;

export type { ReadAhead, ReadOutcome };

function stampOf(info: BigIntStats): string {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

/**
 * The stamp readSource would give `file`, from one `lstat` and without opening it
 * (`--cache-strategy metadata`); undefined when it is not a regular file (a link is
 * read, and judged, by readSource) or cannot be looked at.
 */
export function statStamp(file: string): string | undefined {
  try {
    const info = lstatSync(file, { bigint: true });
    return info.isFile() ? stampOf(info) : undefined;
  } catch {
    return undefined;
  }
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

/** Why bytes are not UTF-8 text a milestone can be, or undefined when they are. */
function textProblem(buf: Buffer): ReadOutcome | undefined {
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
  return undefined;
}

export function decode(buf: Buffer): ReadOutcome {
  return textProblem(buf) ?? { ok: true, text: buf.toString("utf8") };
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
    real = realpathNative(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return `File is a symlink loop (it points to "${target}", which leads back to itself); remove the link.`;
    if (code === "ENOENT") return `File is a dangling symlink: its target "${target}" does not exist; remove the link or restore the file.`;
    return `File is a symlink that cannot be followed (${refusalOf(error).message}).`;
  }
  let realRoot: string;
  try {
    realRoot = realpathNative(root);
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

/** The longest text kept read ahead: a file's start, not a whole large file kept until it is taken. */
export const READ_AHEAD_CHARS = 4096;

/** Bytes decoded first when only the start of a file is wanted: a milestone's front matter fits. */
const HEAD_BYTES = 2048;
/** Reused by every read of readSourceStart: its bytes are decoded before the next read. */
let scratch = Buffer.allocUnsafe(64 * 1024);

/** Reads `fd` to its end into `scratch`, or up to one byte past `maxBytes`; the length read. */
function readToScratch(fd: number, maxBytes: number): number {
  let length = 0;
  for (;;) {
    if (length === scratch.length) {
      if (length > maxBytes) return length;
      const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, scratch.length * 2));
      scratch.copy(bigger, 0, 0, length);
      scratch = bigger;
    }
    const n = readSync(fd, scratch, length, scratch.length - length, null);
    if (n === 0) return length;
    length += n;
  }
}

/**
 * The start of a file that is `enough` for a reader that needs no more (the
 * whole-tree index, the front matter; a detector, a marker), else its whole text:
 * what readSource gives — a file it refuses is refused here too, for any byte of
 * it — but decoded only as far as needed. `walked`: a walk of `root` met the file
 * as a regular file, below folders rather than links, so it lies in the tree: it is
 * opened without following a link, and without looking at every folder above it
 * (lstat and realpath of each file were a third of the index's time in a large
 * tree). A file that became a link since is read as readSource reads it.
 */
export function readSourceStart(file: string, root: string, overrides: Overrides | undefined, walked: boolean, enough: (start: string) => boolean): ReadOutcome {
  const noFollow = constants.O_NOFOLLOW as number | undefined;
  if (!walked || overrides?.has(file) || noFollow === undefined) return readSource(file, root, overrides);
  let fd: number | undefined;
  let length: number;
  try {
    // O_NONBLOCK: a file swapped for a named pipe since opens at once (and reads as empty) instead of hanging the run.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | noFollow);
    length = readToScratch(fd, MAX_FILE_BYTES);
  } catch {
    return readSource(file, root, overrides);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (length > MAX_FILE_BYTES) return tooLarge(length, MAX_FILE_BYTES);
  const bytes = scratch.subarray(0, length);
  const problem = textProblem(bytes);
  if (problem) return problem;
  for (let end = HEAD_BYTES; end < length; end *= 2) {
    // cut after a line ending: a byte 0x0A is never inside a multi-byte character
    const cut = bytes.lastIndexOf(10, end - 1) + 1;
    if (cut === 0) continue;
    const start = bytes.toString("utf8", 0, cut);
    if (enough(start)) return { ok: true, text: start };
  }
  return { ok: true, text: bytes.toString("utf8") };
}
