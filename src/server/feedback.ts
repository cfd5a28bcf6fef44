// Feedback votes on the server: the request schema, the privacy-preserving voter key and the
// group-committed writer. The route in src/pages/api/feedback.ts only wires these together.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { dbReady, getDb } from '../../db/client.ts';
import { forgetSecretsBefore, secretForDay, upsertVotes } from '../../db/queries/feedback-votes.ts';
import type { NewFeedbackVote } from '../../db/schema.ts';
import { feedbackReasons } from '../lib/helpfulness.ts';
import { Batcher } from './batcher';

const yesNo = z.union([z.boolean(), z.enum(['yes', 'no', 'true', 'false'])], { error: 'must be yes or no' })
  .transform((v) => v === true || v === 'yes' || v === 'true');

/** What a reader may send: JSON `{ article, helpful, reason?, comment? }` or the same as a form. */
export const feedbackInputSchema = z
  .object({
    article: z.string({ error: 'is required' }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an article slug').max(120, 'must be an article slug'),
    helpful: yesNo,
    reason: z.preprocess((v) => (v === '' ? undefined : v), z.enum(feedbackReasons, { error: `must be one of ${feedbackReasons.join(', ')}` }).optional()),
    comment: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.string().trim().max(2000, 'must be at most 2,000 characters').optional(),
    ),
    locale: z.string().regex(/^[a-z]{2}(?:-[A-Z]{2})?$/, 'must be a language tag such as en or de-CH').optional(),
  })
  .strict()
  .refine((v) => !v.helpful || (v.reason === undefined && v.comment === undefined), {
    message: 'reason and comment go with a No vote',
    path: ['reason'],
  });

export type FeedbackInput = z.output<typeof feedbackInputSchema>;

/** UTC day of a moment, the unit of "one vote per visitor per article per day". */
function voteDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Keyed hash of who is voting on what today; the inputs themselves are never stored. */
export function voterKey(secret: string, parts: { address: string; userAgent: string; article: string; day: string }): string {
  return createHmac('sha256', secret).update([parts.address, parts.userAgent, parts.article, parts.day].join('\u0000')).digest('base64url');
}

let secretCache: { day: string; secret: Promise<string> } | undefined;
/** Today's secret; on the first vote of a new day, older secrets are deleted. */
function currentSecret(day: string): Promise<string> {
  if (secretCache?.day !== day) {
    const db = getDb();
    const yesterday = voteDay(new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000));
    const secret = (async () => {
      await dbReady(db);
      await forgetSecretsBefore(db, yesterday);
      return secretForDay(db, day);
    })();
    secret.catch(() => { secretCache = undefined; });
    secretCache = { day, secret };
  }
  return secretCache.secret;
}

let writer: Batcher<NewFeedbackVote> | undefined;
/** Stores a vote; resolves once it is committed. */
function recordVote(vote: NewFeedbackVote): Promise<void> {
  writer ??= new Batcher((votes) => upsertVotes(getDb(), votes));
  return writer.add(vote);
}

/** Who sends a vote, as far as the voter key needs it; neither part is stored. */
export interface Voter { address: string; userAgent: string }

/**
 * Records one vote: the day and voter key from `at` (the server's clock, so CAIRN_NOW pins it),
 * reason and comment only with a No. Resolves once the vote is committed.
 */
export async function castVote(vote: FeedbackInput & { revision: string }, voter: Voter, at: Date): Promise<void> {
  const day = voteDay(at);
  const secret = await currentSecret(day);
  await recordVote({
    article: vote.article,
    revision: vote.revision,
    helpful: vote.helpful,
    reason: vote.helpful ? null : (vote.reason ?? null),
    comment: vote.helpful ? null : (vote.comment ?? null),
    locale: vote.locale ?? 'en',
    day,
    voterKey: voterKey(secret, { ...voter, article: vote.article, day }),
    createdAt: at,
    updatedAt: at,
  });
}
