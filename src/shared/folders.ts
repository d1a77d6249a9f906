/**
 * Folder listings. A run lists each folder once (`Folders`), for its walks of the
 * tree and for the questions "is there a config file, a `.gitignore`, a `.git`
 * here": in a tree of 10 000 milestones those were 50 000 failed stats, and the
 * walk had listed those folders already.
 */
import { existsSync, readdirSync } from "./read-fs.js";
import path from "node:path";

/** What a walk needs of a folder's entry (a `Dirent`). */
export interface FolderEntry {
  name: string;
  isDirectory(): boolean;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

/** A folder's entries; throws as readdir does. A long-lived caller answers from memory while a folder is unchanged (run/run-memory.ts). */
export type ListFolder = (dir: string) => FolderEntry[];

/** Whether a folder holds an entry of that name, as `existsSync` says. */
export type Exists = (dir: string, name: string) => boolean;

export const existsOnDisk: Exists = (dir, name) => existsSync(path.join(dir, name));

export const readFolder: ListFolder = (dir) => readdirSync(dir);

/** Whether names in a listing are the only spellings that exist: elsewhere (macOS, Windows) `Package.json` may answer for `package.json`. */
const CASE_SENSITIVE = process.platform === "linux";

export class Folders {
  private readonly listed = new Map<string, FolderEntry[] | { error: unknown }>();

  constructor(private readonly read: ListFolder = readFolder) {}

  /** The entries of `dir`, listed once (the error of a folder that cannot be listed, too). */
  readonly list: ListFolder = (dir) => {
    let got = this.listed.get(dir);
    if (got === undefined) {
      try {
        got = this.read(dir);
      } catch (error) {
        got = { error };
      }
      this.listed.set(dir, got);
    }
    if ("error" in got) throw got.error;
    return got;
  };

  /** What `existsSync(path.join(dir, name))` says, from the listing where it can tell. */
  readonly has: Exists = (dir, name) => {
    let entries: FolderEntry[] | undefined;
    try {
      entries = this.list(dir);
    } catch {
      entries = undefined;
    }
    const entry = entries?.find((e) => e.name === name);
    // a folder that cannot be listed, a link (it may lead nowhere), another spelling on a file system that ignores case: asked
    if (!entries || entry?.isSymbolicLink() || (entry === undefined && !CASE_SENSITIVE)) return existsOnDisk(dir, name);
    return entry !== undefined;
  };
}
