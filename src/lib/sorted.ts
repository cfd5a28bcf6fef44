// Binary search in an ascending array: the vocabulary's sorted words, a word's pages by number,
// a page's word starts.

/** The first index whose value is not below `value`, or `sorted.length` when there is none. */
export function lowerBound<T extends number | string>(sorted: ArrayLike<T>, value: T): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Where `value` is in `sorted`, or -1. */
export function sortedIndexOf<T extends number | string>(sorted: ArrayLike<T>, value: T): number {
  const at = lowerBound(sorted, value);
  return at < sorted.length && sorted[at] === value ? at : -1;
}
