type Merged<T extends readonly object[]> = T extends readonly [infer First, ...infer Rest extends readonly object[]]
  ? First & Merged<Rest>
  : unknown;

/**
 * The string tables of one language as one object, in the order given (a later key wins, as
 * with spreads). Object.assign rather than one literal of two dozen `...part` spreads: V8
 * builds such a literal property by property through a new hidden class each time, which
 * took 35–40 ms and a garbage collection of the web function's cold start; this takes 1 ms.
 */
export function mergeStrings<T extends readonly object[]>(...parts: T): Merged<T> {
  return Object.assign({}, ...parts) as Merged<T>;
}
