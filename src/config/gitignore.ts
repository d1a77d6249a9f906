/**
 * `.gitignore` files as git reads them: every `.gitignore` from the repository root
 * (the folder holding `.git`, or the filesystem root) down to the file's folder,
 * patterns relative to their own folder, a deeper file overriding a shallower one.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import { existsOnDisk, type Exists } from "../shared/folders.js";
import { relativeInside } from "../shared/paths.js";

export class Gitignores {
  /** Per folder: its `.gitignore` (or null) and the folders above it that count. */
  private readonly chains = new Map<string, { dir: string; ignore: Ignore }[]>();

  /** `exists`: whether a folder holds a file (a run answers from its folder listings); default a stat. */
  constructor(private readonly exists: Exists = existsOnDisk) {}

  private chain(dir: string): { dir: string; ignore: Ignore }[] {
    const cached = this.chains.get(dir);
    if (cached) return cached;
    const parent = path.dirname(dir);
    const above = parent === dir || this.exists(dir, ".git") ? [] : this.chain(parent);
    const file = path.join(dir, ".gitignore");
    let own: { dir: string; ignore: Ignore }[] = [];
    try {
      if (this.exists(dir, ".gitignore")) own = [{ dir, ignore: ignore().add(readFileSync(file, "utf8")) }];
    } catch {
      // an unreadable .gitignore ignores nothing, as in git
    }
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
