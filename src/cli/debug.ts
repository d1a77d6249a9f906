/** `--debug`: the run's trace on stderr, as ESLint's `--debug` and `TIMING` show theirs. */
import type { RunTrace } from "../shared/types.js";

const ms = (n: number) => `${n.toFixed(1)} ms`;

export function debugReport(trace: RunTrace, reportMs: number): string {
  const lines: string[] = [];
  const { cache } = trace;
  if (cache) lines.push(`cache: ${cache.file}, --cache-strategy ${cache.strategy}: ${cache.byStamp} files known unchanged by their stamp alone, ${cache.byContent} by their content`);
  for (const { file, config } of trace.configs) lines.push(`config: ${file}: ${config}`);
  for (const { phase, ms: took } of [...trace.phases, { phase: "report", ms: reportMs }]) lines.push(`phase: ${phase}: ${ms(took)}`);
  const rules = Object.entries(trace.rules).sort((a, b) => b[1] - a[1]);
  for (const [id, took] of rules) lines.push(`rule: ${id}: ${ms(took)}`);
  for (const { ruleId, file, stack } of trace.crashes) lines.push(`crash: rule "${ruleId}" on ${file}:\n${stack}`);
  return lines.map((line) => `milestone-lint:debug ${line}\n`).join("");
}
