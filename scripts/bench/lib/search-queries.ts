// The queries of the search benchmarks (bench:search-api, bench:search-ab): a popular mix and
// an endless supply of queries nobody asked before.
const words = [
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
