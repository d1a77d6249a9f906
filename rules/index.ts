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
import { milestoneIdUnique } from "./milestone-id-unique.js";
import { milestoneNumberUnique } from "./milestone-number-unique.js";
import { milestonePlanExists } from "./milestone-plan-exists.js";
import { milestoneSequenceGaps } from "./milestone-sequence-gaps.js";
import { milestoneCreatedAfterPlan } from "./milestone-created-after-plan.js";
import { planIdUnique } from "./plan-id-unique.js";
import { planReferencesExist } from "./plan-references-exist.js";
import { planStatusPlace } from "./plan-status-place.js";
import { registryInSync } from "./registry-in-sync.js";
import { layoutForced } from "./layout-forced.js";

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
  milestoneIdUnique,
  milestoneNumberUnique,
  milestonePlanExists,
  milestoneSequenceGaps,
  milestoneCreatedAfterPlan,
  planIdUnique,
  planReferencesExist,
  planStatusPlace,
  registryInSync,
  layoutForced,
];
