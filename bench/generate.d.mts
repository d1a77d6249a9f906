/** Writes a seeded exec_plans tree of `milestones` milestone files under `root`; returns their paths. */
export function generateTree(root: string, milestones: number, seed?: number): string[];
