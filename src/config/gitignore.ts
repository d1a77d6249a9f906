/**
 * `.gitignore` files as git reads them: every `.gitignore` from the repository root
 * (the folder holding `.git`, or the filesystem root) down to the file's folder,
 * patterns relative to their own folder, a deeper file overriding a shallower one.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import { UsageError } from "../shared/errors.js";
import { relativeInside } from "../shared/paths.js";
import { readTextBounded, refusalOf } from "../source/read-file.js";

/** Ignore files of a few KiB are usual, of a few hundred large; more than this is not read. */
const IGNORE_FILE_MAX_BYTES = 1024 * 1024;

/**
 * The patterns of an ignore file, or none when it cannot be read (as git does).
 * One that is not a regular file or is too large is a usage error: read, it
 * would hang the run or exhaust its memory; skipped, it would lint what it ignores.
 */
function readIgnoreFile(file: string): string {
  try {
    return readTextBounded(file, IGNORE_FILE_MAX_BYTES);
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal.reason === "not-regular" || refusal.reason === "too-large") {
      throw new UsageError(`${file} cannot be read (${refusal.message}); remove it, or set \`gitignore: false\` in the config.`);
    }
    return "";
  }
}

export class Gitignores {
  /** Per folder: its `.gitignore` (or null) and the folders above it that count. */
  private readonly chains = new Map<string, { dir: string; ignore: Ignore }[]>();

  private chain(dir: string): { dir: string; ignore: Ignore }[] {
    const cached = this.chains.get(dir);
    if (cached) return cached;
    const parent = path.dirname(dir);
    const above = parent === dir || existsSync(path.join(dir, ".git")) ? [] : this.chain(parent);
    const file = path.join(dir, ".gitignore");
    const own = existsSync(file) ? [{ dir, ignore: ignore().add(readIgnoreFile(file)) }] : [];
    const result = [...above, ...own];
    this.chains.set(dir, result);
    return result;
  }

  isIgnored(abs: string): boolean {
    let ignored = false;
    for (const { dir, ignore: rules } of this.chain(path.dirname(abs))) {
      const rel = relativeInside(dir, abs);
      if (rel === undefined) continue;
      const test = rules.test(rel);
      if (test.ignored) ignored = true;
      else if (test.unignored) ignored = false;
    }
    return ignored;
  }
}
