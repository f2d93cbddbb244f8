// Memoising by a short string: clauses and spans repeat within a report and from one check of it
// to the next, and reading them (a word segmentation, a subject) costs far more than a lookup.

/**
 * `compute` memoised by its argument. The map is emptied when it reaches `limit` entries, which
 * bounds the memory; the next check fills it again. `compute` never returns undefined. Callers
 * pass short keys only (a clause or a span; V8 may keep a sliced key's whole text alive).
 */
export function stringMemo<V>(compute: (key: string) => V, limit = 20000): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      if (cache.size >= limit) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}
