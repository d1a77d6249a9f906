/**
 * What a repository is, as far as configuring milestone-lint goes. Each detector
 * looks at the tree from the folder a run starts in and, when it recognises
 * something, says what it found (for the user, in a few words) and the config that
 * fits it. `milestone-lint --init` writes the merged config; a run without any config
 * lints with it. Each practice is one entry of DETECTORS: agentrules trees, and
 * plans that follow a `PLANS.md`.
 */
import type { ConfigFile } from "../config/config-files.js";
import { agentrulesTrees } from "./agentrules-trees.js";
import { plansPractice } from "./plans-practice.js";
import type { DetectOptions, Detection, Detector } from "./detection.js";

export const DETECTORS: readonly Detector[] = [agentrulesTrees, plansPractice];

export interface Inspection {
  detections: Detection[];
  /** The detections' configs merged in order: `extends` lists joined, later settings winning. */
  config: ConfigFile;
}

function merge(a: ConfigFile, b: ConfigFile): ConfigFile {
  const list = (e: ConfigFile["extends"]) => (e === undefined ? [] : typeof e === "string" ? [e] : e);
  const presets = [...new Set([...list(a.extends), ...list(b.extends)])];
  return { ...a, ...b, ...(presets.length > 0 ? { extends: presets } : {}), ...(a.rules || b.rules ? { rules: { ...a.rules, ...b.rules } } : {}) };
}

/** Every detector's findings in `cwd`; undefined when none recognises anything. */
export async function inspect(cwd: string, detectors: readonly Detector[] = DETECTORS, options: DetectOptions = {}): Promise<Inspection | undefined> {
  const detections: Detection[] = [];
  for (const detector of detectors) {
    const found = await detector.detect(cwd, options);
    if (found) detections.push(found);
  }
  if (detections.length === 0) return undefined;
  return { detections, config: detections.map((d) => d.config).reduce(merge, {}) };
}
