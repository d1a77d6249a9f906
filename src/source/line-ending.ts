/** The line ending a file already uses, so that inserted lines match it. */
export function lineEnding(text: string): "\n" | "\r\n" | "\r" {
  const lf = text.indexOf("\n");
  if (lf > 0 && text.charCodeAt(lf - 1) === 13) return "\r\n";
  if (lf < 0 && text.includes("\r")) return "\r";
  return "\n";
}

