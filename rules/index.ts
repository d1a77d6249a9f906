/** The built-in rules. The engine runs whatever list it is given; this is the default one, in documentation order. */
import type { Rule } from "../src/types.js";
// front matter
import { frontMatterRequired } from "./front-matter-required.js";
import { frontMatterFirstByte } from "./front-matter-first-byte.js";
import { frontMatterClosed } from "./front-matter-closed.js";
import { frontMatterYamlSyntax } from "./front-matter-yaml-syntax.js";
import { frontMatterSchema } from "./front-matter-schema.js";
// identity, dates and place
// sections and body
// whole tree

export const builtinRules: readonly Rule[] = [
  // front matter
  frontMatterRequired,
  frontMatterFirstByte,
  frontMatterClosed,
  frontMatterYamlSyntax,
  frontMatterSchema,
  // identity, dates and place
  // sections and body
  // whole tree
];
