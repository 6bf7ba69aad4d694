/**
 * Answers worth computing once per dataset. The check and the view model ask for the counted
 * rows of every period of every scheme, the earned points of every redeemable scheme, the
 * eligible subjects of every period; with a million ledger rows each rescan costs seconds.
 * A dataset is never changed once the loader has handed it over, so an answer stays right for
 * as long as the dataset lives, and the cache lives exactly that long: it hangs off the
 * dataset (and the subject index, scheme… it was asked with) through WeakMaps.
 */
interface Cache {
  next: WeakMap<object, Cache>;
  values: Map<string, unknown>;
}

const root: Cache = { next: new WeakMap(), values: new Map() };

/**
 * `compute()` the first time it is asked for these owners and this name; the same value after.
 * Callers treat the value as read-only: it is shared.
 * @example once([dataset, index, scheme], 'countedTable', () => countGroups(…))
 */
export function once<T>(owners: readonly object[], name: string, compute: () => T): T {
  let cache = root;
  for (const owner of owners) {
    let next = cache.next.get(owner);
    if (!next) cache.next.set(owner, (next = { next: new WeakMap(), values: new Map() }));
    cache = next;
  }
  if (!cache.values.has(name)) cache.values.set(name, compute());
  return cache.values.get(name) as T;
}
