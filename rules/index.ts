/** The built-in rules. The engine runs whatever list it is given; this is the default one. */
import type { Rule } from "../src/types.js";
import { frontMatterRequired } from "./front-matter-required.js";
import { frontMatterFirstByte } from "./front-matter-first-byte.js";
import { frontMatterClosed } from "./front-matter-closed.js";
import { frontMatterYamlSyntax } from "./front-matter-yaml-syntax.js";
import { frontMatterSchema } from "./front-matter-schema.js";

export const builtinRules: readonly Rule[] = [
  frontMatterRequired,
  frontMatterFirstByte,
  frontMatterClosed,
  frontMatterYamlSyntax,
  frontMatterSchema,
];
