/**
 * What a run uses when no config file applies (here or above) and none is given: the
 * config the detectors propose, when it differs from the defaults, with the line that
 * says so. The CLI and the language server both lint such a tree this way, so that a
 * first run on a tree written by the agentrules CLI is judged by that CLI's profile.
 */
import { CONFIG_FILE_NAMES, nearestConfigFile, type ConfigFile } from "../config/config-files.js";
import { DETECTORS, inspect } from "./inspect.js";
import type { DetectOptions } from "./detection.js";

const CONFIG_FILE = CONFIG_FILE_NAMES[0];

/** Undefined when the defaults fit, or a config file applies to `cwd`. `options`: the run's folder listing and read-ahead, which look at the same files. */
export async function configWithout(cwd: string, options: Pick<DetectOptions, "folders" | "readAhead" | "findings"> = {}): Promise<{ defaults: ConfigFile; notice: string } | undefined> {
  if (nearestConfigFile(cwd, options.folders?.has)) return undefined;
  // a tree whose milestones are the template's is told apart from half of them
  const found = await inspect(cwd, DETECTORS, { quick: true, ...options });
  const chosen = found?.detections.filter((d) => d.differsFromDefaults) ?? [];
  if (!found || chosen.length === 0) return undefined;
  const reasons = chosen.map((d) => d.reason).join("; ");
  const choices = chosen.map((d) => d.choice).join("; ");
  return {
    defaults: found.config,
    notice: `milestone-lint: no config file, and ${reasons}: linted with ${choices}. Run \`milestone-lint --init\` to keep this choice in ${CONFIG_FILE}.\n`,
  };
}
