import { expect, type DeeplyAllowMatchers } from 'vitest';

/*
 * vitest types its asymmetric matchers `any`, which @typescript-eslint/no-unsafe-assignment
 * refuses inside an expected value: these are the same matchers, typed as what they stand for.
 */
export const stringMatching = (pattern: string | RegExp) => expect.stringMatching(pattern) as string;
export const stringContaining = (part: string) => expect.stringContaining(part) as string;
export const anyNumber = () => expect.any(Number) as number;
export const anything = () => expect.anything() as unknown;
export const objectContaining = <T extends object>(subset: T) => expect.objectContaining<T>(subset as DeeplyAllowMatchers<T>) as T;
