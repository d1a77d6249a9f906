/**
 * Where strict JSON stops being valid, and why, for a file `JSON.parse` rejected.
 * V8's messages do not always carry a position (Node 20.19+: `Unexpected token ']',
 * ..."…" is not valid JSON`), so the text is walked here (RFC 8259) to find it.
 */

export interface JsonError {
  offset: number;
  message: string;
}

const WS = new Set([" ", "\t", "\n", "\r"]);

export function findJsonError(text: string): JsonError | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw { offset: i, message } satisfies JsonError;
  };
  const skip = () => {
    while (i < text.length && WS.has(text[i] as string)) i++;
  };
  const describe = () => (i >= text.length ? "the end of the file" : `\`${text[i]}\``);
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`expected a value but found ${describe()}`);
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail("a string is not closed on its line (control character in a string)");
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail("`\\u` is not followed by four hex digits");
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail(`\`\\${text[i] ?? ""}\` is not a JSON escape`);
      }
      i++;
    }
    if (i >= text.length) fail("a string is not closed");
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === "" || m[0] === "-") fail(`expected a value but found ${describe()}`);
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    skip();
    const c = text[i];
    if (c === "{") return object();
    if (c === "[") return array();
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    return number();
  };
  const object = () => {
    i++;
    skip();
    if (text[i] === "}") return void i++;
    for (;;) {
      skip();
      if (text[i] !== '"') fail(`expected a "quoted" key but found ${describe()}${text[i] === "}" ? " (JSON allows no trailing comma before `}`)" : ""}`);
      string();
      skip();
      if (text[i] !== ":") fail(`expected \`:\` after a key but found ${describe()}`);
      i++;
      value();
      skip();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") return void i++;
      fail(`expected \`,\` or \`}\` but found ${describe()}`);
    }
  };
  const array = () => {
    i++;
    skip();
    if (text[i] === "]") return void i++;
    for (;;) {
      skip();
      if (text[i] === "]") fail("a comma before `]` (JSON allows no trailing comma)");
      value();
      skip();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") return void i++;
      fail(`expected \`,\` or \`]\` but found ${describe()}`);
    }
  };
  try {
    value();
    skip();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (error && typeof error === "object" && "offset" in error) return error as JsonError;
    // a stack overflow on hostile nesting: still an answer, never a crash
    return { offset: i, message: "it is nested too deeply to read" };
  }
}
