/** The project's home page (SARIF `informationUri`). */
export const HOMEPAGE = "https://github.com/milestone-lint/milestone-lint";

/** Each rule's documentation is the comment at the top of its module. */
export const docsUrl = (id: string): string => `${HOMEPAGE}/blob/main/rules/${id}.ts`;
