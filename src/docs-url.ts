/** Each rule's documentation is the comment at the top of its module. */
export const docsUrl = (id: string): string => `https://github.com/milestone-lint/milestone-lint/blob/main/rules/${id}.ts`;
