/**
 * V8's flags, set by the CLI's process for itself (src/cli/launcher.ts,
 * src/run/workers.ts). A flag the user gave Node, on its command line or in
 * NODE_OPTIONS, is theirs: never set over it.
 */
import { setFlagsFromString } from "node:v8";

/** Sets `--name`, `--no-name` or `--name=value`, unless Node was given that flag. */
export function setFlagUnlessGiven(flag: string): void {
  const name = flag.replace(/^--(no-)?/, "").replace(/=.*/, "");
  if (![...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) => arg.includes(name))) setFlagsFromString(flag);
}
