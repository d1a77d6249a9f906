/**
 * An example milestone-lint plugin: one rule, `require-tags`, that asks every
 * milestone for at least `min` tags. Load it from a config file with
 * `"plugins": ["./require-tags.mjs"]`.
 */

/** @type {import("milestone-lint").FileRule<{ min: number }>} */
const requireTags = {
  meta: {
    id: "require-tags",
    description: "Milestones have at least `min` tags (default 1)",
    severity: "error",
    appliesTo: ["milestone"],
    docsUrl: "https://example.test/milestone-lint-plugin#require-tags",
    optionsSchema: {
      type: "object",
      properties: { min: { type: "integer", minimum: 1 } },
      additionalProperties: false,
    },
    defaultOptions: { min: 1 },
  },
  check(context) {
    const { frontMatter, options } = context;
    // no front matter, or YAML that does not parse: front-matter-required and front-matter-yaml-syntax say so
    if (frontMatter.data === undefined || !frontMatter.close) return;
    // typed reads: frontMatter.list, .string and .integer give the value, or undefined
    const tags = frontMatter.list("tags");
    const count = tags ? tags.value.length : 0;
    if (count >= options.min) return;
    context.report({
      message: `Milestone has ${count} tag${count === 1 ? "" : "s"}; add at least ${options.min} to \`tags\` (e.g. \`tags: [api]\`).`,
      at: frontMatter.get("tags")?.value ?? frontMatter.close,
    });
  },
};

export const rules = [requireTags];
