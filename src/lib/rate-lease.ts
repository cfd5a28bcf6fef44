// Leases of a shared rate limit: instead of one atomic count in the shared database per request,
// a server counts several requests at once (one atomic add of `size` points) and lets that many
// through from memory. Whatever a server lets through was counted in the database first, so all
// servers together never let more through than the limit. The price: a client whose requests are
// spread over several servers may be refused up to one lease per other server early, since that
// server still holds points the client may never use there. Leases shrink as the window fills
// (a quarter of what is left, at most `maxLeaseSize`), so a small limit is still counted one
// request at a time and the points held elsewhere near the end are few.

/** The most points one lease takes. */
export const maxLeaseSize = 16;

/** Points to take in one lease, given the limit and how many were left when last seen. */
export function leaseSize(points: number, knownRemaining: number = points): number {
  return Math.max(1, Math.min(maxLeaseSize, Math.floor(Math.min(points, knownRemaining) / 4)));
}

/**
 * How many of `size` points, just added to the window's count, fall within the limit: the add is
 * atomic, so the points numbered from `consumedAfter - size + 1` to `consumedAfter` are this
 * lease's, and those numbered up to `points` may be used.
 */
export function leaseGranted(size: number, points: number, consumedAfter: number): number {
  return Math.max(0, Math.min(size, points - (consumedAfter - size)));
}
