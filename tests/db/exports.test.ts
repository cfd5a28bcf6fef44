// The staff CSV exports against a throwaway database migrated from db/migrations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedbackCsv, ticketsCsv } from '../../db/queries/exports';
import { feedbackVotes, tickets, type NewTicket } from '../../db/schema';
import { utf8Bom } from '../../src/lib/csv';
import { tempDatabase } from '../e2e/server';

let database: Awaited<ReturnType<typeof tempDatabase>>;
beforeEach(async () => { database = await tempDatabase(); });
afterEach(() => database.dispose());

const at = (iso: string) => new Date(iso);
/** The CSV's lines without the BOM and the final CRLF. */
const lines = (csv: string) => {
  expect(csv.startsWith(utf8Bom)).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(utf8Bom.length, -2).split('\r\n');
};

describe('feedbackCsv', () => {
  it('lists every vote oldest first, neutralises formulas in comments, and never exports the voter key', async () => {
    await database.db.insert(feedbackVotes).values([
      { article: 'whois-privacy', revision: 'r2', helpful: false, reason: 'other', comment: '=HYPERLINK("http://evil.example")', locale: 'de', day: '2027-01-12', voterKey: 'secret-key-2', createdAt: at('2027-01-12T08:00:00Z') },
      { article: 'renew-a-domain', revision: 'r1', helpful: true, day: '2027-01-10', voterKey: 'secret-key-1', createdAt: at('2027-01-10T09:30:00Z') },
      { article: 'renew-a-domain', revision: 'r1', helpful: false, reason: 'incomplete', comment: 'Zürich, "step 3" is\nmissing', day: '2027-01-11', voterKey: 'secret-key-3', createdAt: at('2027-01-11T10:00:00Z') },
    ]);
    const csv = await feedbackCsv(database.db);
    expect(lines(csv)).toEqual([
      'created,article,revision,helpful,reason,comment,locale',
      '2027-01-10T09:30:00.000Z,renew-a-domain,r1,true,,,en',
      '2027-01-11T10:00:00.000Z,renew-a-domain,r1,false,incomplete,"Zürich, ""step 3"" is\nmissing",en',
      `2027-01-12T08:00:00.000Z,whois-privacy,r2,false,other,"'=HYPERLINK(""http://evil.example"")",de`,
    ]);
    expect(csv).not.toMatch(/secret-key/);
  });

  it('with no votes is the header alone', async () => {
    expect(lines(await feedbackCsv(database.db))).toEqual(['created,article,revision,helpful,reason,comment,locale']);
  });
});

describe('ticketsCsv', () => {
  const ticket = (reference: string, values: Partial<NewTicket>): NewTicket => ({
    reference, plan: 'pro', queue: 'pro', name: 'Ana Muster', email: 'ana@example.com', product: 'email', subject: 'Mail bounces',
    description: 'Every message bounces since Monday.', receivedAt: at('2027-01-11T09:00:00Z'), ...values,
  });
  const header = 'reference,received,plan,queue,emergency,status,due,first response,SLA met,product,subject,name,email,article';

  beforeEach(async () => {
    await database.db.insert(tickets).values([
      // Answered in time.
      ticket('T-0000-0000-0000-0002', { firstResponseDueAt: at('2027-01-11T11:00:00Z'), firstResponseAt: at('2027-01-11T10:15:00Z'), status: 'answered', article: 'renew-a-domain' }),
      // Received first; Standard has no target.
      ticket('T-0000-0000-0000-0001', { plan: 'standard', queue: 'standard', receivedAt: at('2027-01-09T09:00:00Z'), subject: '+1 more: =cmd|calc', name: '@Bob' }),
      // Answered late.
      ticket('T-0000-0000-0000-0003', { receivedAt: at('2027-01-12T09:00:00Z'), firstResponseDueAt: at('2027-01-12T11:00:00Z'), firstResponseAt: at('2027-01-12T11:00:01Z') }),
      // Unanswered, past its deadline at `now`.
      ticket('T-0000-0000-0000-0004', { receivedAt: at('2027-01-13T09:00:00Z'), firstResponseDueAt: at('2027-01-13T11:00:00Z'), emergency: true, queue: 'emergency' }),
      // Unanswered, deadline still ahead at `now`.
      ticket('T-0000-0000-0000-0005', { receivedAt: at('2027-01-15T11:00:00Z'), firstResponseDueAt: at('2027-01-15T13:00:00Z') }),
    ]);
  });

  it('lists tickets oldest first with their SLA outcome, neutralising formula-like text', async () => {
    const csv = await ticketsCsv(database.db, { now: at('2027-01-15T12:00:00Z') });
    expect(lines(csv)).toEqual([
      header,
      `T-0000-0000-0000-0001,2027-01-09T09:00:00.000Z,standard,standard,false,open,,,,email,'+1 more: =cmd|calc,'@Bob,ana@example.com,`,
      'T-0000-0000-0000-0002,2027-01-11T09:00:00.000Z,pro,pro,false,answered,2027-01-11T11:00:00.000Z,2027-01-11T10:15:00.000Z,true,email,Mail bounces,Ana Muster,ana@example.com,renew-a-domain',
      'T-0000-0000-0000-0003,2027-01-12T09:00:00.000Z,pro,pro,false,open,2027-01-12T11:00:00.000Z,2027-01-12T11:00:01.000Z,false,email,Mail bounces,Ana Muster,ana@example.com,',
      'T-0000-0000-0000-0004,2027-01-13T09:00:00.000Z,pro,emergency,true,open,2027-01-13T11:00:00.000Z,,false,email,Mail bounces,Ana Muster,ana@example.com,',
      'T-0000-0000-0000-0005,2027-01-15T11:00:00.000Z,pro,pro,false,open,2027-01-15T13:00:00.000Z,,,email,Mail bounces,Ana Muster,ana@example.com,',
    ]);
    expect(csv).not.toMatch(/Every message bounces/);
  });

  it('since a date lists only the tickets received from then on', async () => {
    const csv = await ticketsCsv(database.db, { since: at('2027-01-12T09:00:00Z'), now: at('2027-01-15T12:00:00Z') });
    expect(lines(csv).map((l) => l.split(',')[0])).toEqual(['reference', 'T-0000-0000-0000-0003', 'T-0000-0000-0000-0004', 'T-0000-0000-0000-0005']);
  });
});
