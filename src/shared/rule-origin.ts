/** Which plugin each loaded plugin rule came from, so that a crash names where to report it. */
const origins = new WeakMap<object, string>();

export function setRuleOrigin(rule: object, plugin: string): void {
  origins.set(rule, plugin);
}

/** The plugin (as the config names it) that defined `rule`; undefined for a built-in rule or one given to the API. */
export function ruleOrigin(rule: object): string | undefined {
  return origins.get(rule);
}
