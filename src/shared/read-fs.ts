/**
 * The file system as a run reads it: node:fs's reading calls, each noting in the
 * run's trace (src/shared/fs-trace.ts) the path it looked at. The only way to the
 * disk for the modules of a run (test/architecture.test.ts), so that a result
 * replayed from `--cache` cannot depend on a read the trace missed.
 */
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import path from "node:path";
import { noteExistence, noteListing, notePath, tracing } from "./fs-trace.js";

export { closeSync, constants, fstatSync, readSync, type BigIntStats, type Dirent, type Stats } from "node:fs";

const noted = (p: string): string => {
  if (tracing()) notePath(path.resolve(p));
  return p;
};

export function existsSync(p: string): boolean {
  if (tracing()) noteExistence(path.resolve(p));
  return fs.existsSync(p);
}

export function lstatSync(p: string): fs.Stats;
export function lstatSync(p: string, options: { bigint: true }): fs.BigIntStats;
export function lstatSync(p: string, options?: { bigint: true }): fs.Stats | fs.BigIntStats {
  return options ? fs.lstatSync(noted(p), options) : fs.lstatSync(noted(p));
}

export const statSync = (p: string): fs.Stats => fs.statSync(noted(p));

export const realpathNative = (p: string): string => fs.realpathSync.native(noted(p));

export const readlinkSync = (p: string): string => fs.readlinkSync(noted(p), "utf8");

/** Opens a file to read it. */
export const openSync = (p: string, flags: number): number => fs.openSync(noted(p), flags);

export function readdirSync(dir: string): fs.Dirent[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    // a folder that cannot be listed: the run depended on that (its mode, or its being missing)
    noted(dir);
    throw error;
  }
  if (tracing()) noteListing(path.resolve(dir), entries);
  return entries;
}

export const stat = (p: string): Promise<fs.Stats> => fsp.stat(noted(p));

export const lstat = (p: string): Promise<fs.Stats> => fsp.lstat(noted(p));
