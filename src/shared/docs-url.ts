/** The project's home page (SARIF `informationUri`). */
export const HOMEPAGE = "https://github.com/milestone-lint/milestone-lint";

/** Each rule's page, generated from the doc block at the top of its module (`npm run docs:rules`). */
export const docsUrl = (id: string): string => `${HOMEPAGE}/blob/main/docs/rules/${id}.md`;
