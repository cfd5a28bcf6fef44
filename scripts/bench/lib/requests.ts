// The request bodies the ticket and feedback benches send, shared by bench:tickets,
// bench:feedback and bench:notify so their figures describe the same traffic.

/** The demo Pro contract key (`npm run contracts -- demo` adds it). */
export const proKey = 'cairn_demo_pro_00000000000000000000000';

/** The n-th ticket: half with the demo Pro key (one in ten of those an emergency), half Standard. */
export const ticketRequest = (n: number) => ({
  body: {
    name: `Bench Client ${n}`, email: `client${n}@example.com`, product: 'email',
    subject: `Mail problem number ${n}`, description: 'Messages to our domain bounce since this morning with error 550.',
    ...(n % 2 === 0 ? { contractKey: proKey, emergency: n % 20 === 0 } : {}),
  },
});

const articles = ['renew-a-domain', 'mail-client-settings', 'smtp-port-blocked', 'change-php-version', 'whois-privacy', 'connect-to-vps-with-ssh'];

/**
 * The n-th helpfulness vote. A distinct user agent per request makes each vote a different
 * visitor, so every 2xx becomes a row (no replacement of an earlier vote); `run` keeps the
 * visitors of one run apart from another's on the same database.
 */
export const voteRequest = (n: number, run = '') => ({
  headers: { 'user-agent': `bench-${run}${n}` },
  body: { article: articles[n % articles.length], helpful: n % 4 !== 0, ...(n % 4 === 0 ? { reason: 'incomplete' } : {}) },
});
