/**
 * `import()` of a config file or a plugin, by file URL. In the CLI bundle, which
 * src/cli/launcher.ts runs from a V8 code cache, scripts/build.mjs replaces this module
 * with the launcher's own import(): in Node 20, code compiled from a code cache
 * cannot call import() itself ("A dynamic import callback was not specified").
 */
export function importModule(url: string): Promise<unknown> {
  return import(url);
}
