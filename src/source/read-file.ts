/**
 * The one way the tool reads a file — milestones, plans, the registry, config files,
 * schemas, ignore files, the cache: regular files only, and never more than a cap.
 * A named pipe, a device or a socket is refused before it is opened (a pipe would
 * block the run forever, `/dev/zero` would be read until memory runs out); the read
 * stops at the cap whatever size the file claims, so a file that grows while it is
 * read, or a `/proc` file that says it is empty, cannot make it read more.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from "../shared/read-fs.js";

/** Why a file was not read, as the end of a sentence ("… because it is a named pipe"). */
export class FileRefused extends Error {
  override readonly name = "FileRefused";
  constructor(
    readonly reason: "missing" | "not-regular" | "too-large" | "unreadable",
    message: string,
    /** The size the file has, for `too-large`. */
    readonly size?: number,
  ) {
    super(message);
  }
}

export function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** What a file that is not a regular file is, in a few words. */
export function kindOf(info: Pick<Stats, "isDirectory" | "isFIFO" | "isCharacterDevice" | "isBlockDevice" | "isSocket">): string {
  if (info.isDirectory()) return "a folder";
  if (info.isFIFO()) return "a named pipe";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  if (info.isSocket()) return "a socket";
  return "something else";
}

/** Any error of reading a file as a FileRefused. */
export function refusalOf(error: unknown): FileRefused {
  if (error instanceof FileRefused) return error;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return new FileRefused("missing", "it does not exist");
    case "EACCES":
    case "EPERM":
      return new FileRefused("unreadable", "permission denied");
    case "ELOOP":
      return new FileRefused("unreadable", "it is a symlink loop");
    case "EISDIR":
      return new FileRefused("not-regular", "it is a folder, not a regular file");
    case "ENXIO":
      return new FileRefused("not-regular", "it is a socket, not a regular file");
    default:
      return new FileRefused("unreadable", code ?? (error instanceof Error ? error.message : String(error)));
  }
}

function notRegular(info: Stats): FileRefused {
  return new FileRefused("not-regular", `it is ${kindOf(info)}, not a regular file`);
}

function tooLarge(size: number, maxBytes: number): FileRefused {
  return new FileRefused("too-large", `it is ${describeSize(size)}, over the ${describeSize(maxBytes)} that is read`, size);
}

/** Refuses what is not a regular file (following links), without opening it. Throws FileRefused. */
export function checkRegularFile(file: string): Stats {
  let info: Stats;
  try {
    info = statSync(file);
  } catch (error) {
    throw refusalOf(error);
  }
  if (!info.isFile()) throw notRegular(info);
  return info;
}

/** Runs `read` on `file` opened for reading, once it is known to be a regular file. Throws FileRefused. */
function withRegularFile<T>(file: string, read: (fd: number, info: Stats) => T): T {
  let fd: number | undefined;
  try {
    checkRegularFile(file);
    // O_NONBLOCK: should the file have been swapped for a pipe since, opening it does not wait
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    if (!info.isFile()) throw notRegular(info);
    return read(fd, info);
  } catch (error) {
    throw refusalOf(error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The bytes of `file`, a regular file of at most `maxBytes`. Throws FileRefused. */
export function readBounded(file: string, maxBytes: number): Buffer {
  return withRegularFile(file, (fd, info) => {
    if (info.size > maxBytes) throw tooLarge(info.size, maxBytes);
    return readAtMost(fd, maxBytes, info.size);
  });
}

/** The first `bytes` bytes of `file`, a regular file (to recognise it by its signature). Throws FileRefused. */
export function readStart(file: string, bytes: number): Buffer {
  return withRegularFile(file, (fd) => {
    const buf = Buffer.allocUnsafe(bytes);
    let length = 0;
    for (let n = -1; n !== 0 && length < bytes; length += n) n = readSync(fd, buf, length, bytes - length, null);
    return buf.subarray(0, length);
  });
}

/** Reads from `fd` to its end, or throws once more than `maxBytes` came. */
export function readAtMost(fd: number, maxBytes: number, expected: number): Buffer {
  // one byte more than expected: a file that grew is seen to have grown
  let buf = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(expected, 4095)) + 1);
  let length = 0;
  for (;;) {
    if (length === buf.length) {
      if (length > maxBytes) throw tooLarge(length, maxBytes);
      const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, length);
      buf = bigger;
    }
    const n = readSync(fd, buf, length, buf.length - length, null);
    if (n === 0) break;
    length += n;
  }
  if (length > maxBytes) throw tooLarge(length, maxBytes);
  return buf.subarray(0, length);
}

/** `file` as UTF-8 text (a BOM dropped), for configuration files. Throws FileRefused. */
export function readTextBounded(file: string, maxBytes: number): string {
  const text = readBounded(file, maxBytes).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
