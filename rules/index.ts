/** The built-in rules. The engine runs whatever list it is given; this is the default one, in documentation order. */
import type { Rule } from "../src/shared/types.js";
// front matter
import { frontMatterRequired } from "./front-matter-required.js";
import { frontMatterFirstByte } from "./front-matter-first-byte.js";
import { frontMatterClosed } from "./front-matter-closed.js";
import { frontMatterYamlSyntax } from "./front-matter-yaml-syntax.js";
import { frontMatterSchema } from "./front-matter-schema.js";
import { frontMatterSimpleYaml } from "./front-matter-simple-yaml.js";
import { frontMatterUnknownKey } from "./front-matter-unknown-key.js";
// identity, dates and place
import { dateValid } from "./date-valid.js";
import { updatedAfterCreated } from "./updated-after-created.js";
import { idValid } from "./id-valid.js";
import { idConsistent } from "./id-consistent.js";
import { filenameMatchesId } from "./filename-matches-id.js";
import { statusMatchesFolder } from "./status-matches-folder.js";
import { archiveDate } from "./archive-date.js";
// sections and body
import { sectionMarkerRequired } from "./section-marker-required.js";
import { sectionMarkerUnknown } from "./section-marker-unknown.js";
import { sectionMarkerDuplicate } from "./section-marker-duplicate.js";
import { sectionOrder } from "./section-order.js";
import { sectionHeading } from "./section-heading.js";
import { sectionMarkerInCode } from "./section-marker-in-code.js";
import { titleMatchesHeading } from "./title-matches-heading.js";
import { noTemplatePlaceholder } from "./no-template-placeholder.js";
import { changelogEntry } from "./changelog-entry.js";
import { planSections } from "./plan-sections.js";
// plans of the PLANS.md practice
import { execplanSectionRequired } from "./execplan-section-required.js";
import { execplanSectionDuplicate } from "./execplan-section-duplicate.js";
import { execplanSectionOrder } from "./execplan-section-order.js";
import { execplanProgress } from "./execplan-progress.js";
import { execplanFinished } from "./execplan-finished.js";
import { execplanFinishedInActive } from "./execplan-finished-in-active.js";
import { execplanTemplateText } from "./execplan-template-text.js";
import { execplanLocalPath } from "./execplan-local-path.js";
import { execplanFrontMatterFences } from "./execplan-front-matter-fences.js";
import { execplanReferences } from "./execplan-references.js";
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
// lifecycle: finished work
import { planStatusMilestones } from "./plan-status-milestones.js";
import { finishedWorkMoved } from "./finished-work-moved.js";
import { finishedWorkTicked } from "./finished-work-ticked.js";
import { linksExist } from "./links-exist.js";

export const builtinRules: readonly Rule[] = [
  // front matter
  frontMatterRequired,
  frontMatterFirstByte,
  frontMatterClosed,
  frontMatterYamlSyntax,
  frontMatterSchema,
  frontMatterSimpleYaml,
  frontMatterUnknownKey,
  // identity, dates and place
  dateValid,
  updatedAfterCreated,
  idValid,
  idConsistent,
  filenameMatchesId,
  statusMatchesFolder,
  archiveDate,
  // sections and body
  sectionMarkerRequired,
  sectionMarkerUnknown,
  sectionMarkerDuplicate,
  sectionOrder,
  sectionHeading,
  sectionMarkerInCode,
  titleMatchesHeading,
  noTemplatePlaceholder,
  changelogEntry,
  planSections,
  // plans of the PLANS.md practice
  execplanSectionRequired,
  execplanSectionDuplicate,
  execplanSectionOrder,
  execplanProgress,
  execplanFinished,
  execplanFinishedInActive,
  execplanTemplateText,
  execplanLocalPath,
  execplanFrontMatterFences,
  execplanReferences,
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
  // lifecycle: finished work
  planStatusMilestones,
  finishedWorkMoved,
  finishedWorkTicked,
  linksExist,
];
