/**
 * Text from the files made safe to show: a value quoted in a message, and any text
 * a human-readable report prints, with the characters a terminal or a viewer would
 * act on instead of showing written as escapes.
 */

/**
 * Characters a terminal or a viewer acts on instead of showing: C0 and C1 controls
 * (ESC and CSI start escape sequences: a screen clear, a fake "all files passed"
 * line, a clipboard write), DEL, the line and paragraph separators, and the
 * bidirectional controls, which reorder what is shown.
 */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * `text` with every control character written as an escape (`\n`, `\t`, `\u001b`):
 * nothing from a file reaches a terminal raw. `keep`: characters left as they are
 * (the line breaks and tabs of a diff).
 */
export function escapeControls(text: string, keep = ""): string {
  return text.replace(CONTROL_CHARACTERS, (c) => (keep.includes(c) ? c : (SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)));
}

/**
 * A value quoted in a message: in double quotes, with line breaks, tabs and other
 * control characters written as escapes (`\n`), so that one problem stays one line
 * of text whatever the value holds; cut to `max` characters.
 */
export function quoteValue(value: string, max = 60): string {
  const cut = value.length > max ? `${value.slice(0, max - 1)}…` : value;
  // JSON escapes C0 controls, `"` and `\`; the rest are escaped as every report does
  return escapeControls(JSON.stringify(cut));
}
