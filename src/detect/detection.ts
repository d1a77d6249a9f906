/**
 * What a detector says about a repository: what it found, and the config that fits
 * it. Detectors are listed in `inspect.ts`.
 */
import type { ConfigFile } from "../config/config-files.js";
import type { Folders } from "../shared/folders.js";
import type { ReadAhead } from "../shared/types.js";

export interface Detection {
  /** The config this calls for, e.g. `{ extends: ["agentrules"] }`. */
  config: ConfigFile;
  /** The choice in a few words: `the "agentrules" preset, the profile of files the agentrules CLI writes`. */
  choice: string;
  /** What was found that led to it, one sentence without its full stop. */
  reason: string;
  /** True when the config differs from the defaults, so that a run without config should use it and say so. */
  differsFromDefaults: boolean;
}

export interface DetectOptions {
  /**
   * Stop looking as soon as the defaults are certain to fit (a run without a config
   * file shows nothing then): the reason then says what was seen so far.
   */
  quick?: boolean;
  /** The run's folder listings (each folder listed once, for the detectors and the run); default readdir. */
  folders?: Folders;
  /** Receives the short texts read (whole files, or starts with their front matter), for the run that follows to take instead of reading them again. */
  readAhead?: ReadAhead;
  /** What a detector found of each file in an earlier run, while the file is unchanged (`--cache`): the file is not read again. */
  findings?: Findings;
}

/** A detector's finding about one file, kept by `--cache` while the file's stamp is unchanged (src/run/cache.ts). */
export interface Findings {
  get(file: string): string | undefined;
  set(file: string, finding: string): void;
}

export interface Detector {
  name: string;
  detect(cwd: string, options?: DetectOptions): Promise<Detection | undefined>;
}
