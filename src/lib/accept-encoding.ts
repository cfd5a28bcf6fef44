// Which compression a client accepts, read from its Accept-Encoding header (RFC 9110 §12.5.3),
// for answers the server compresses once and keeps (src/server/search.ts).

export type Encoding = 'br' | 'gzip';

/** The encoding to send: brotli when accepted at least as much as gzip, then gzip, else none. */
export function preferredEncoding(header: string | null | undefined): Encoding | null {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';').map((p) => p.trim());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  return weight('gzip') > 0 ? 'gzip' : null;
}
