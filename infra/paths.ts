import { fileURLToPath } from 'node:url';

const ROOT = new URL('..', import.meta.url);

/** Absolute path of a file in the repository: entries, lock file and tsconfig for bundling. */
export const repoPath = (relative: string): string => fileURLToPath(new URL(relative, ROOT));
