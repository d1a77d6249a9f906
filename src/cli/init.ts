/**
 * `milestone-lint --init`: asks the detectors what the repository is (`../detect/`),
 * writes the config they propose and says in two lines what it chose and why. A run
 * without a config file lints with that config too (`../detect/without-config.ts`).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { CONFIG_FILE_NAMES, configFileIn } from "../config/config-files.js";
import { inspect } from "../detect/inspect.js";
import { UsageError } from "../shared/errors.js";
import { AGENT_DIRS } from "../tree/agent-dirs.js";

const CONFIG_FILE = CONFIG_FILE_NAMES[0];

/** Writes the proposed config to `milestone-lint.config.json` in `cwd`; returns the two lines to print. */
export async function init(cwd: string): Promise<string> {
  const existing = configFileIn(cwd);
  if (existing) {
    const name = path.basename(existing);
    const what = name === "package.json" ? 'package.json already holds a "milestone-lint" config' : `${name} already exists`;
    throw new UsageError(`${what}; --init never overwrites a config (remove it first to start over)`);
  }
  const found = await inspect(cwd);
  if (!found) {
    throw new UsageError(`--init found nothing to configure: no ${AGENT_DIRS.map((d) => `${d}/exec_plans`).join(" or ")}, and no folder of plans that follow a PLANS.md, here; run it from the repository root`);
  }
  const text = `${JSON.stringify(found.config, null, 2)}\n`;
  try {
    // `wx`: a config written meanwhile is not overwritten either
    writeFileSync(path.join(cwd, CONFIG_FILE), text, { flag: "wx" });
  } catch (error) {
    throw new UsageError(`Cannot write ${CONFIG_FILE}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const choices = found.detections.map((d) => d.choice).join("; ");
  const reasons = found.detections.map((d) => d.reason).join("; ");
  return `milestone-lint: wrote ${CONFIG_FILE} with ${choices}.\nWhy: ${reasons}.\n`;
}
