// Runs scripts/cli/privacy.ts as staff would, against a throwaway database migrated from
// db/migrations with "now" pinned: erase and purge remove exactly what they should, and nothing else.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dailySecrets, deflectionDaily, feedbackVotes, outbox, searchDaily, sessions, staff, tickets, type NewFeedbackVote, type NewTicket,
} from '../../db/schema';
import { tempDatabase } from '../e2e/server';
import { main } from '../../scripts/cli/privacy';
import { runMain, spawnCli, type Result } from './run-cli';

/** With the default 365 days, anything before 2026-01-15T12:00Z is past retention. */
const now = '2027-01-15T12:00:00Z';
const at = (iso: string) => new Date(iso);

let database: Awaited<ReturnType<typeof tempDatabase>>;
beforeEach(async () => {
  database = await tempDatabase();
  await seed();
});
afterEach(() => database.dispose());

async function privacy(args: string[], env: Record<string, string> = {}): Promise<Result> {
  const { RETENTION_DAYS: _ignored, ...inherited } = process.env;
  return runMain(main, args, { ...inherited, DATABASE_URL: database.url, CAIRN_NOW: now, ...env });
}

const ticket = (reference: string, values: Partial<NewTicket>): NewTicket => ({
  reference, plan: 'pro', queue: 'pro', name: 'Someone', email: 'someone@example.com', product: 'email',
  subject: 'Mail bounces', description: 'Every message to my customers bounces since Monday.', receivedAt: at('2027-01-10T09:00:00Z'),
  ...values,
});
const vote = (voterKey: string, values: Partial<NewFeedbackVote>): NewFeedbackVote => ({
  article: 'renew-a-domain', revision: 'abc123', helpful: false, day: '2027-01-10', voterKey, createdAt: at('2027-01-10T09:00:00Z'), ...values,
});
const mail = (recipient: string, ticketId: number | null, values: Partial<typeof outbox.$inferInsert> = {}) => ({
  kind: 'confirmation' as const, recipient, ticketId, subject: 'We received your request', body: 'Hello', createdAt: at('2027-01-10T09:00:00Z'), ...values,
});

/** Two people who wrote in with their address in mixed case, others, and data of every age. */
async function seed() {
  const { db } = database;
  await db.insert(tickets).values([
    /* 1 */ ticket('T-ANA1-0000-0000-0001', { email: 'Ana@Example.com', emergency: true, queue: 'emergency' }),
    /* 2 */ ticket('T-ANA2-0000-0000-0002', { email: 'ana@example.COM', status: 'closed', receivedAt: at('2025-03-01T09:00:00Z'), closedAt: at('2025-03-02T09:00:00Z') }),
    /* 3 */ ticket('T-BOB3-0000-0000-0003', { email: 'bob@example.com', status: 'closed', receivedAt: at('2025-05-30T09:00:00Z'), closedAt: at('2025-06-01T09:00:00Z') }),
    /* 4 */ ticket('T-BOB4-0000-0000-0004', { email: 'bob@example.com', status: 'closed', receivedAt: at('2025-05-01T09:00:00Z'), closedAt: null }),
    /* 5 */ ticket('T-BOB5-0000-0000-0005', { email: 'bob@example.com', status: 'closed', receivedAt: at('2025-01-01T09:00:00Z'), closedAt: at('2026-06-01T09:00:00Z') }),
    /* 6 */ ticket('T-BOB6-0000-0000-0006', { email: 'bob@example.com', status: 'open', receivedAt: at('2024-01-01T09:00:00Z') }),
    /* 7 */ ticket('T-CAR7-0000-0000-0007', { email: 'carol@example.com', status: 'answered', firstResponseAt: at('2027-01-10T10:00:00Z') }),
    /* 8: closed just inside the period */
    ticket('T-CAR8-0000-0000-0008', { email: 'carol@example.com', status: 'closed', receivedAt: at('2026-01-10T09:00:00Z'), closedAt: at('2026-01-15T12:00:01Z') }),
  ]);
  await db.insert(outbox).values([
    /* 1 */ mail('Ana@Example.com', 1),
    /* 2 */ mail('oncall@alpenhost.example', 1, { kind: 'emergency_alert', body: 'Emergency ticket from Ana <Ana@Example.com>' }),
    /* 3 */ mail('ana@example.COM', 2, { sentAt: at('2025-03-01T09:01:00Z') }),
    /* 4: no ticket, addressed to her */
    mail('ANA@EXAMPLE.COM', null, { sentAt: at('2026-12-01T09:00:00Z') }),
    /* 5 */ mail('bob@example.com', 3, { sentAt: at('2025-05-30T09:01:00Z') }),
    /* 6: a kept ticket's old sent mail */
    mail('bob@example.com', 5, { sentAt: at('2025-01-01T09:01:00Z') }),
    /* 7: unsent for years: kept for a human to look at */
    mail('bob@example.com', 6, { createdAt: at('2024-01-01T09:01:00Z'), attempts: 10, lastError: 'SMTP refused' }),
    /* 8 */ mail('carol@example.com', 7, { sentAt: at('2027-01-10T09:01:00Z') }),
    /* 9: sent just inside the period */
    mail('carol@example.com', 8, { sentAt: at('2026-01-15T12:00:01Z') }),
    /* 10: not a ticket's, sent long ago */
    mail('bob@example.com', null, { sentAt: at('2025-02-01T09:00:00Z') }),
    /* 11: an address that merely contains hers */
    mail('joana@example.com', null),
  ]);
  await db.insert(feedbackVotes).values([
    /* 1 */ vote('old-with-comment', { comment: 'The screenshots show the old control panel', createdAt: at('2025-12-01T09:00:00Z'), day: '2025-12-01', reason: 'outdated' }),
    /* 2 */ vote('old-without-comment', { createdAt: at('2025-11-01T09:00:00Z'), day: '2025-11-01', helpful: true }),
    /* 3 */ vote('new-quoting-ana', { comment: 'Please write to me at Ana@Example.com, the steps fail', reason: 'did_not_solve' }),
    /* 4 */ vote('new-with-comment', { comment: 'Step 3 is missing', reason: 'incomplete' }),
    /* 5 */ vote('inside-period', { comment: 'Still relevant', createdAt: at('2026-01-15T12:00:01Z'), day: '2026-01-15' }),
  ]);
  await db.insert(searchDaily).values([
    { day: '2025-12-01', query: 'renew domain', searches: 4 },
    { day: '2026-01-14', query: 'dns ttl', searches: 2 },
    { day: '2026-01-15', query: 'dns ttl', searches: 3 },
    { day: '2027-01-10', query: 'ana@example.com', searches: 1, zeroResults: 1 },
    { day: '2027-01-14', query: 'imap settings', searches: 9 },
  ]);
  await db.insert(deflectionDaily).values([
    { day: '2025-12-31', event: 'suggestions_shown', count: 5 },
    { day: '2026-02-01', event: 'ticket_sent', count: 1 },
  ]);
  await db.insert(dailySecrets).values([
    { day: '2027-01-13', secret: 'old' },
    { day: '2027-01-14', secret: 'yesterday' },
    { day: '2027-01-15', secret: 'today' },
  ]);
  await db.insert(staff).values({ email: 'agent@alpenhost.example', role: 'agent', passwordHash: 'scrypt$x' });
  await db.insert(sessions).values([
    { tokenHash: 'expired', staffId: 1, createdAt: at('2027-01-14T09:00:00Z'), lastSeenAt: at('2027-01-14T10:00:00Z'), expiresAt: at('2027-01-15T11:59:59Z') },
    { tokenHash: 'active', staffId: 1, createdAt: at('2027-01-15T09:00:00Z'), lastSeenAt: at('2027-01-15T11:00:00Z'), expiresAt: at('2027-01-16T09:00:00Z') },
  ]);
}

const tables = {
  tickets: 'id', outbox: 'id', feedback_votes: 'id', search_daily: 'day, query', deflection_daily: 'day, event',
  daily_secrets: 'day', staff: 'id', sessions: 'token_hash', contracts: 'id',
} as const;
type Dump = Record<keyof typeof tables, Record<string, unknown>[]>;

/** Every row of every table, every column, as the database holds it. */
async function dump(): Promise<Dump> {
  const out = {} as Dump;
  for (const [table, order] of Object.entries(tables) as Array<[keyof Dump, string]>) {
    const result = await database.db.$client.execute(`select * from ${table} order by ${order}`);
    out[table] = result.rows.map((r: object) => ({ ...r }) as Record<string, unknown>);
  }
  return out;
}

/** The dump with some rows removed or changed, everything else as it was. */
function without(before: Dump, change: Partial<Record<keyof Dump, (row: Record<string, unknown>) => Record<string, unknown> | null>>): Dump {
  const out = {} as Dump;
  for (const table of Object.keys(before) as Array<keyof Dump>) {
    const f = change[table];
    out[table] = (f ? before[table].flatMap((row) => f({ ...row }) ?? []) : before[table]) as Record<string, unknown>[];
  }
  return out;
}

const ids = (...list: number[]) => (row: Record<string, unknown>) => (list.includes(row.id as number) ? null : row);

describe('privacy erase', () => {
  it('deletes her tickets, their mail and mail to her in any letter case, clears comments quoting her, and keeps everything else', async () => {
    const before = await dump();
    const result = await privacy(['erase', '--email', '  ANA@example.com ']);
    expect(result.status, result.stderr).toBe(0);

    expect(await dump()).toEqual(without(before, {
      tickets: ids(1, 2),
      outbox: ids(1, 2, 3, 4),
      feedback_votes: (row) => (row.voter_key === 'new-quoting-ana' ? { ...row, comment: null } : row),
      search_daily: (row) => (row.query === 'ana@example.com' ? null : row),
    }));

    expect(result.stdout).toMatch(/^Erased what is stored about ana@example\.com:$/m);
    expect(result.stdout).toMatch(/^ {2}tickets +2 {2}T-ANA2-0000-0000-0002, T-ANA1-0000-0000-0001$/m);
    expect(result.stdout).toMatch(/^ {2}outbox +4 {2}3 about those tickets, 1 other message sent to the address$/m);
    expect(result.stdout).toMatch(/^ {2}feedback_votes +1 {2}1 comment that quoted the address cleared/m);
    expect(result.stdout).toMatch(/^ {2}search_daily +1 /m);
    expect(result.stdout).toMatch(/Feedback votes hold no email address/);
  });

  it('--dry-run reports the same and changes nothing', async () => {
    const before = await dump();
    const result = await privacy(['erase', '--email', 'ana@example.com', '--dry-run']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Dry run: would erase what is stored about ana@example\.com:$/m);
    expect(result.stdout).toMatch(/^ {2}tickets +2 {2}T-ANA2-0000-0000-0002, T-ANA1-0000-0000-0001$/m);
    expect(result.stdout).toMatch(/^ {2}outbox +4 /m);
    expect(result.stdout).toMatch(/Nothing was changed/);
    expect(await dump()).toEqual(before);
  });

  it('an address with nothing stored says so and changes nothing', async () => {
    const before = await dump();
    const result = await privacy(['erase', '--email', 'nobody@example.com']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Nothing is stored about nobody@example\.com/);
    expect(await dump()).toEqual(before);
  });

  it('notes a staff account with the address without removing it', async () => {
    const before = await dump();
    const result = await privacy(['erase', '--email', 'Agent@Alpenhost.example']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/agent@alpenhost\.example is also a console staff account/);
    expect(await dump()).toEqual(before);
  });
});

describe('privacy purge', () => {
  /** What a 365-day purge at `now` removes; the rest (open tickets, unsent mail, recent data) stays. */
  const purged = (before: Dump) => without(before, {
    tickets: ids(2, 3, 4),
    outbox: ids(3, 5, 6, 10),
    feedback_votes: (row) => (['old-with-comment'].includes(row.voter_key as string) ? { ...row, comment: null } : row),
    search_daily: (row) => (row.day as string < '2026-01-15' ? null : row),
    deflection_daily: (row) => (row.day === '2025-12-31' ? null : row),
    daily_secrets: (row) => (row.day === '2027-01-13' ? null : row),
    sessions: (row) => (row.token_hash === 'expired' ? null : row),
  });

  it('removes what is past 365 days, expired sessions and old secrets, and keeps everything else', async () => {
    const before = await dump();
    const result = await privacy(['purge']);
    expect(result.status, result.stderr).toBe(0);
    expect(await dump()).toEqual(purged(before));
    expect(result.stdout).toMatch(/^Purged data older than 365 days \(before 2026-01-15T12:00:00\.000Z\):$/m);
    for (const [label, count] of [
      ['feedback comments cleared', 1], ['closed tickets deleted', 3], ['sent outbox messages deleted', 2], ['search_daily rows deleted', 2],
      ['deflection_daily rows deleted', 1], ['daily_secrets deleted', 1], ['sessions deleted', 1],
    ] as const) {
      expect(result.stdout).toMatch(new RegExp(`^ {2}${label} +${count}\\b`, 'm'));
    }
    expect(result.stdout).toMatch(/closed tickets deleted +3 {2}with 2 outbox messages about them/);

    // A second run finds nothing left to do.
    const again = await privacy(['purge']);
    expect(again.status).toBe(0);
    expect(again.stdout.match(/ 0\b/g)).toHaveLength(8);
  });

  it('--dry-run reports the counts a real run deletes and changes nothing', async () => {
    const before = await dump();
    const dry = await privacy(['purge', '--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^Dry run: would purge data older than 365 days/m);
    expect(dry.stdout).toMatch(/Nothing was changed/);
    expect(await dump()).toEqual(before);

    const real = await privacy(['purge']);
    const counts = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('  '));
    expect(counts(dry.stdout)).toHaveLength(8);
    expect(counts(dry.stdout)).toEqual(counts(real.stdout));
  });

  it('--days overrides RETENTION_DAYS, which overrides the 365-day default', async () => {
    // 400 days reach back to 11 December 2025, so the deflection day of 31 December 2025 stays.
    const byEnv = await privacy(['purge', '--dry-run'], { RETENTION_DAYS: '400' });
    expect(byEnv.stdout).toMatch(/older than 400 days \(before 2025-12-11T12:00:00\.000Z\)/);
    expect(byEnv.stdout).toMatch(/deflection_daily rows deleted +0\b/);

    const byFlag = await privacy(['purge', '--days', '30'], { RETENTION_DAYS: '400' });
    expect(byFlag.status, byFlag.stderr).toBe(0);
    expect(byFlag.stdout).toMatch(/older than 30 days \(before 2026-12-16T12:00:00\.000Z\)/);
    const after = await dump();
    // Tickets closed in 2026 (5 and 8), their mail, and mail sent on 1 December 2026 are now past it too.
    expect(after.tickets.map((t) => t.id)).toEqual([1, 6, 7]);
    expect(after.outbox.map((m) => m.id)).toEqual([1, 2, 7, 8, 11]);
    expect(after.feedback_votes.filter((v) => v.comment !== null).map((v) => v.voter_key)).toEqual(['new-quoting-ana', 'new-with-comment']);
  });
});

describe('privacy refuses bad arguments, exits 1 and changes nothing', () => {
  it.each<[behaviour: string, args: string[], env: Record<string, string>, problems: RegExp[]]>([
    ['no command', [], {}, [/which command\?/]],
    ['an unknown command', ['forget', '--email', 'ana@example.com'], {}, [/unknown command "forget"; use one of erase, purge/]],
    ['erase without --email', ['erase'], {}, [/--email is required/]],
    ['erase with --email but no value', ['erase', '--email'], {}, [/--email needs a value, e\.g\. --email ana@example\.com/]],
    ['erase of something that is not an address', ['erase', '--email', 'ana at example.com'], {}, [/--email "ana at example\.com" must be an email address such as ana@example\.com/]],
    ['erase with every problem at once', ['erase', '--email', 'ana@', 'bob@example.com', '--days', '3', '--dry-run=yes'], {},
      [/--days is not an option of erase; its options are --email, --dry-run/, /--dry-run takes no value/, /unexpected "bob@example\.com"/, /--email "ana@" must be an email address/]],
    ['purge --days 0', ['purge', '--days', '0'], {}, [/--days must be a whole number of days from 1 to 36500, such as 365 \(got "0"\)/]],
    ['purge --days with no value', ['purge', '--days'], {}, [/--days needs a value, e\.g\. --days 365/]],
    ['purge --days with a unit', ['purge', '--days', '30d'], {}, [/--days must be a whole number of days .*\(got "30d"\)/]],
    ['purge with a bad RETENTION_DAYS', ['purge'], { RETENTION_DAYS: 'a year' }, [/RETENTION_DAYS must be a whole number of days .*\(got "a year"\)/]],
    ['purge --days given twice', ['purge', '--days', '30', '--days', '3000'], {}, [/--days is given more than once/]],
    ['a CAIRN_NOW that is not an instant', ['purge'], { CAIRN_NOW: 'yesterday' }, [/CAIRN_NOW must be an ISO 8601 instant/]],
  ])('%s', async (_behaviour, args, env, problems) => {
    const before = await dump();
    const result = await privacy(args, env);
    expect(result.status).toBe(1);
    for (const problem of problems) expect(result.stderr).toMatch(problem);
    if (problems.length > 1) expect(result.stderr).toMatch(new RegExp(`found ${problems.length} problem\\(s\\); nothing was deleted`));
    expect(result.stdout).toBe('');
    expect(await dump()).toEqual(before);
  });
});

describe('node scripts/cli/privacy.ts', () => {
  it('runs as a program, as cron would: a dry run prints its report and exits 0', async () => {
    const { RETENTION_DAYS: _ignored, ...inherited } = process.env;
    const result = await spawnCli('privacy', ['purge', '--dry-run'], { ...inherited, DATABASE_URL: database.url, CAIRN_NOW: now });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Dry run');
  });
});
