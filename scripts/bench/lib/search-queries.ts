// The queries of the search benchmarks (bench:search-api, bench:search-ab): a popular mix and
// an endless supply of queries nobody asked before.
export const words = [
  'mail', 'domain', 'dns', 'ssl', 'backup', 'restore', 'password', 'reset', 'smtp', 'imap', 'port', 'renew',
  'transfer', 'invoice', 'php', 'database', 'ftp', 'ssh', 'server', 'website', 'redirect', 'spam', 'forward', 'alias',
  'certificate', 'record', 'mx', 'cname', 'quota', 'storage', 'login', 'account', 'payment', 'refund', 'upgrade', 'plan',
  'outlook', 'iphone', 'android', 'wordpress', 'cron', 'log', 'error', 'timeout', 'blocked', 'expired', 'redemption', 'whois',
  'privacy', 'gdpr', 'status', 'outage', 'maintenance', 'support', 'ticket', 'emergency', 'vps', 'firewall', 'key', 'upload',
];
export const popular = ['mail', 'domain', 'dns', 'ssl', 'password', 'smtp', 'renew domain', 'outgoing mail port', 'backup', 'restore backup',
  'php version', 'ftp', 'ssh key', 'invoice', 'transfer domain', 'spam', 'wordpress', 'mx record', 'imap settings', 'reset password',
  'ssl certificate', 'database', 'redirect', 'outage'];
// Ordered pairs of distinct words: 3,540 queries nobody asked before, then triples.
export const unique = (n: number) => {
  const a = words[n % words.length];
  const b = words[(n + 1 + Math.floor(n / words.length)) % words.length];
  const c = n >= words.length * (words.length - 1) ? ` ${words[Math.floor(n / 7) % words.length]}` : '';
  return `${a} ${b}${c}`;
};

/**
 * Queries of two words nobody searched before, from the build's own vocabulary (every word of
 * 3+ letters, no digit, no stop word, in a fixed shuffled order): the n-th query takes words 2n
 * and 2n+1, so while n < pairs, each query costs the server two fresh Pagefind searches.
 */
export function freshWordQueries(vocabulary: { words: Record<string, number>; stopWords: string[] }): { pairs: number; query: (n: number) => string } {
  const stop = new Set(vocabulary.stopWords);
  const words = Object.keys(vocabulary.words).filter((w) => w.length >= 3 && !/\p{N}/u.test(w) && !stop.has(w));
  // A fixed shuffle (a linear congruential generator), so runs and builds get the same queries.
  let seed = 20261203;
  for (let i = words.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [words[i], words[j]] = [words[j], words[i]];
  }
  const pairs = Math.floor(words.length / 2);
  return { pairs, query: (n) => `${words[(2 * n) % words.length]} ${words[(2 * n + 1) % words.length]}` };
}
