/** Writes a seeded exec_plans tree of `milestones` milestone files under `root`; returns their paths. */
export function generateTree(root: string, milestones: number, seed?: number): string[];
/** mulberry32: numbers in [0, 1) from a seed, the same everywhere. */
export function prng(seed: number): () => number;
