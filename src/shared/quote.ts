/**
 * A value quoted in a message: in double quotes, with line breaks, tabs and other
 * control characters written as escapes (`\n`), so that one problem stays one line
 * of text whatever the value holds; cut to `max` characters.
 */
export function quoteValue(value: string, max = 60): string {
  const cut = value.length > max ? `${value.slice(0, max - 1)}…` : value;
  // JSON escapes C0 controls, `"` and `\`; the Unicode line and paragraph separators and NEL are line breaks too
  return JSON.stringify(cut).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
