/**
 * What a long-lived caller (the language server) keeps of a tree from one run of the
 * engine to the next, so that an edit costs the edited file and the whole-tree rules,
 * not a walk and a read of every file. Nothing is trusted blindly: folder listings
 * are reused while the folder's `stat` is unchanged (an entry added, removed or
 * renamed changes it), index entries while the file's is (a write or a replacement
 * changes it), phase-one results while the text hashes the same, so a run gives what
 * a fresh run would. Which files are ignored is kept outright: drop the memory when
 * a config file or a `.gitignore` changes.
 */
import { readdirSync, statSync, type Dirent, type Stats } from "../shared/read-fs.js";
import { ResultCache } from "./cache.js";
import type { IgnoredBy } from "./discover.js";
import type { IgnoreReason, IndexEntry } from "../shared/types.js";

/** What changes when a file is written or replaced, or a folder gains or loses an entry. */
type Stamp = Pick<Stats, "mtimeMs" | "ctimeMs" | "size" | "ino">;

const stampOf = ({ mtimeMs, ctimeMs, size, ino }: Stats): Stamp => ({ mtimeMs, ctimeMs, size, ino });
const same = (a: Stamp, b: Stamp): boolean => a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.size === b.size && a.ino === b.ino;

/** Undefined when the file cannot be looked at (gone, a link loop): it is read, and the reader says why. */
function stampOfPath(abs: string): Stamp | undefined {
  try {
    return stampOf(statSync(abs));
  } catch {
    return undefined;
  }
}

export class RunMemory {
  /** Phase-one results by path, rule set and text hash (the `--cache` logic, kept in memory). */
  readonly results = ResultCache.inMemory();
  private readonly folders = new Map<string, { stamp: Stamp; entries: Dirent[] }>();
  private readonly entries = new Map<string, { stamp: Stamp; entry: IndexEntry | null }>();
  private readonly ignored = new Map<string, IgnoreReason | undefined>();

  /** A folder's entries, read again only when the folder changed; throws as readdir does. */
  readonly listFolder = (dir: string): Dirent[] => {
    try {
      const stamp = stampOf(statSync(dir));
      const known = this.folders.get(dir);
      if (known && same(known.stamp, stamp)) return known.entries;
      // stamped before reading: a change in between is seen at the next run
      const entries = readdirSync(dir);
      this.folders.set(dir, { stamp, entries });
      return entries;
    } catch (error) {
      this.folders.delete(dir);
      throw error;
    }
  };

  /** Whether and why the config or `.gitignore` leaves `abs` out, asked once per file (an answer known is given at once, not awaited). */
  ignoredBy(abs: string, ask: IgnoredBy): IgnoreReason | undefined | Promise<IgnoreReason | undefined> {
    if (this.ignored.has(abs)) return this.ignored.get(abs);
    return Promise.resolve(ask(abs)).then((reason) => {
      this.ignored.set(abs, reason);
      return reason;
    });
  }

  /**
   * The index entry of a file read only for the whole-tree rules (null: not a plan or
   * milestone file), from memory while the file is unchanged, else from `read`,
   * which may give undefined (unreadable: not remembered, tried again next run).
   */
  indexEntry(file: string, read: () => Promise<IndexEntry | null | undefined>): IndexEntry | null | Promise<IndexEntry | null | undefined> {
    const stamp = stampOfPath(file);
    const known = this.entries.get(file);
    if (stamp && known && same(known.stamp, stamp)) return known.entry;
    return read().then((entry) => {
      if (stamp === undefined || entry === undefined) this.entries.delete(file);
      else this.entries.set(file, { stamp, entry });
      return entry;
    });
  }
}
