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
    const data = frontMatter.data;
    // a file without front matter is front-matter-required's business
    if (data === null || typeof data !== "object" || !frontMatter.close) return;
    const tags = frontMatter.get("tags");
    const count = Array.isArray(data.tags) ? data.tags.length : 0;
    if (count >= options.min) return;
    context.report({
      message: `Milestone has ${count} tag${count === 1 ? "" : "s"}; add at least ${options.min} to \`tags\` (e.g. \`tags: [api]\`).`,
      at: tags ? tags.value : frontMatter.close,
    });
  },
};

export const rules = [requireTags];
