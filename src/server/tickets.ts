// Filing a ticket: contract key → plan, deadline, queue, reference; stored with its mails in
// one transaction. submitTicket is the whole request (Origin, limits, body, key, storage) for
// both POST /api/tickets and the /support/ form page, which only differ in how they answer.
import { randomBytes } from 'node:crypto';
import { getDb, isDatabaseUnavailable } from '../../db/client.ts';
import { findByKey } from '../../db/queries/contracts.ts';
import { insertTickets, type NewMail, type TicketWithMail } from '../../db/queries/tickets.ts';
import { contractState, type KeyProblem } from '../lib/contracts.ts';
import { firstResponseDue, formatInZone, type Plan } from '../lib/sla.ts';
import { describeDeskHours } from '../lib/sla-text.ts';
import { newReference, queueFor, ticketInputSchema, type Queue, type TicketInput } from '../lib/tickets.ts';
import { ticketCreatedPayload } from '../lib/webhooks.ts';
import { mail, server } from '../config';
import { wakeDelivery } from './delivery-wake.ts';
import { slaPolicy } from './support';
import { Batcher } from './batcher';
import { checkOrigin, clientAddress, parseBody } from './http';
import { createLimiter, createLockout } from './rate-limit';

export const keyProblemMessages: Record<KeyProblem, string> = {
  unknown: 'We do not recognise this contract key.',
  expired: 'This contract has ended.',
  revoked: 'This contract key has been revoked.',
  not_started: 'This contract has not started yet.',
};

export type FiledTicket = { reference: string; plan: Plan; queue: Queue; firstResponseDueAt: string | null; keyProblem: KeyProblem | null; emergency: boolean };
export type FileResult =
  | { ok: true; ticket: FiledTicket }
  | { ok: false; status: 403 | 422; error: string; fields: Record<string, string[]> };

const today = (at: Date) => formatInZone(at, slaPolicy.timeZone).slice(0, 10);

let writer: Batcher<TicketWithMail> | undefined;
/** Group commit: tickets filed in the same turn of the event loop share one transaction. */
function ticketWriter(): Batcher<TicketWithMail> {
  writer ??= new Batcher((items) => insertTickets(getDb(), items), 200);
  return writer;
}

export type KeyGrant = { plan: Plan; contractId: number | null; problem: KeyProblem | null };

/** The plan a key grants today, or why it grants nothing. */
export async function planForKey(key: string | undefined, at: Date): Promise<KeyGrant> {
  if (!key) return { plan: 'standard', contractId: null, problem: null };
  const contract = await findByKey(getDb(), key);
  if (!contract) return { plan: 'standard', contractId: null, problem: 'unknown' };
  const state = contractState(contract, today(at));
  if (state !== 'active') return { plan: 'standard', contractId: null, problem: state };
  return { plan: contract.plan, contractId: contract.id, problem: null };
}

/**
 * Files a ticket. Over the API a key that does not work is refused (403); through the form the
 * client is told why and the ticket is filed as Standard, so nothing they wrote is lost.
 */
export async function fileTicket(input: TicketInput, options: { at: Date; via: 'api' | 'form'; grant: KeyGrant }): Promise<FileResult> {
  const { plan, contractId, problem } = options.grant;
  if (problem && options.via === 'api') {
    return { ok: false, status: 403, error: 'contract_key_refused', fields: { contractKey: [keyProblemMessages[problem]] } };
  }
  // A client whose key failed cannot have the emergency line; the form files the ticket anyway.
  const emergency = input.emergency && !problem;
  const due = firstResponseDue(plan, options.at, slaPolicy, { emergency });
  if (!due.ok) {
    return { ok: false, status: 422, error: due.error, fields: { emergency: [`is only available on the ${slaPolicy.emergencyPlans.join(' and ')} plans`] } };
  }
  const queue = queueFor(plan, emergency);
  const reference = newReference(randomBytes(10));
  const dueText = due.dueAt ? formatInZone(due.dueAt, slaPolicy.timeZone) : null;
  const mails: NewMail[] = [{
    recipient: input.email,
    subject: `[${reference}] We received your request: ${input.subject}`,
    body: [
      `Hello ${input.name},`,
      '',
      `we received your request "${input.subject}" (reference ${reference}).`,
      dueText ? `Your ${plan} plan guarantees a first response by ${dueText} (${slaPolicy.timeZone}).` : `We answer written requests ${describeDeskHours(slaPolicy)}, premium plans first.`,
      '',
      'Reply to this message to add information; keep the reference in the subject.',
    ].join('\n'),
    kind: 'confirmation',
  }];
  if (emergency) {
    mails.push({
      recipient: mail.onCall,
      subject: `EMERGENCY ${reference} (${plan}): ${input.subject}`,
      body: `Emergency ticket ${reference} from ${input.name} <${input.email}>, plan ${plan}.\nFirst response due ${dueText}.\n\n${input.description}`,
      kind: 'emergency_alert',
    });
  }
  const request = { name: input.name, email: input.email, product: input.product, subject: input.subject, description: input.description };
  const webhookBody = ticketCreatedPayload({ reference, plan, queue, emergency, receivedAt: options.at, firstResponseDueAt: due.dueAt, request });
  await ticketWriter().add({ ticket: {
    reference, plan, queue, emergency, contractId, keyProblem: problem, ...request,
    article: input.article ?? null, receivedAt: options.at, firstResponseDueAt: due.dueAt,
  }, mails, webhookBody });
  wakeDelivery(); // the worker of this process sends it now; any other one finds it on its next poll
  return { ok: true, ticket: { reference, plan, queue, firstResponseDueAt: dueText, keyProblem: problem, emergency } };
}

const ticketLimits = {
  perAddress: createLimiter({ points: server.ticketsPer10Minutes, durationSeconds: 600 }),
  perKey: createLimiter({ points: server.ticketsPerKeyPerHour, durationSeconds: 3600 }),
  keyFailures: createLockout({ failures: server.keyFailuresAllowed, durationSeconds: 900 }),
};

/**
 * Counts a request that presents a contract key, or none, and answers 429 when it is over its
 * limit. A working key is limited per key only: clients behind one office NAT share an address,
 * and neither their tickets nor a neighbour's wrong keys may stop a paying customer. A wrong key
 * counts toward its address's lockout and address budget, and a locked-out address files nothing
 * without a working key. That a locked-out address still gets through with a right key gives a
 * guesser nothing: keys carry 128 random bits.
 */
export async function limitTicket(key: string | undefined, grant: KeyGrant, address: string): Promise<Response | null> {
  if (key && !grant.problem) return ticketLimits.perKey('ticket-key', key);
  // A wrong key is counted before anything else; a locked-out address files nothing without a working key.
  const locked = key ? (await ticketLimits.keyFailures.attempt('key', address)).limited : await ticketLimits.keyFailures.check('key', address);
  return locked ?? ticketLimits.perAddress('ticket', address);
}

/**
 * Counts a key checked without filing a ticket (the support form's preview): 429 once its address
 * has presented too many wrong keys; a working key is never refused.
 */
export async function limitKeyCheck(grant: KeyGrant, address: string): Promise<Response | null> {
  if (!grant.problem) return null;
  return (await ticketLimits.keyFailures.attempt('key', address)).limited;
}

/**
 * The largest ticket body, JSON or form. A form encodes each character of another script as up to
 * nine bytes (%E2%80%94), so a description at its 20,000-character limit needs about 180 KB.
 */
const ticketBodyLimit = 262_144;

export type Submission =
  | { ok: true; ticket: FiledTicket; kind: 'json' | 'form' }
  | {
      ok: false;
      status: number;
      error: string;
      /** Messages by field; `_` holds those about the whole request. */
      fields: Record<string, string[]>;
      /** The form fields that could be read, to show the form again with the client's text. */
      values: Record<string, string>;
      headers?: Record<string, string>;
    };

/** What a client is told when its ticket cannot be stored; an emergency also gets the phone line. */
function storageFailedMessage(emergency: boolean): string {
  const phone = slaPolicy.emergencyPhone;
  const base = 'We cannot store requests right now, so this one was not sent. Your text is kept: please send it again in a few minutes.';
  return emergency && phone ? `${base} For an emergency, call the emergency line now: ${phone} (day and night).` : base;
}

/**
 * One ticket request from start to end: Origin check, body within ticketBodyLimit, the key in the
 * body or as `Authorization: Bearer`, the limits of limitTicket, then fileTicket. The API and the
 * /support/ form page differ only in how they answer. Never throws for what a client sends; a
 * database that does not answer is a 503.
 */
export async function submitTicket(request: Request, socketAddress: string | undefined, at: Date): Promise<Submission> {
  const crossSite = checkOrigin(request);
  if (crossSite) return { ok: false, status: 403, error: 'cross_site_request', fields: { _: ['This form must be sent from this site.'] }, values: {} };
  const body = await parseBody(request, ticketInputSchema, { maxBytes: ticketBodyLimit });
  const values = body.values;
  if (!body.ok) return { ok: false, status: body.status, error: body.error, fields: body.fields ?? {}, values, headers: body.headers };
  try {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    if (bearer && body.value.contractKey && bearer !== body.value.contractKey) {
      return { ok: false, status: 400, error: 'invalid_input', fields: { contractKey: ['differs from the key in the Authorization header; send one of them'] }, values };
    }
    const key = bearer ?? body.value.contractKey;
    const grant = await planForKey(key, at);
    const limited = await limitTicket(key, grant, clientAddress(request, socketAddress));
    if (limited) {
      const message = key && !grant.problem
        ? 'This contract key has sent too many tickets this hour. Please wait and send again; your text is kept.'
        : 'Too many requests from your connection. Please wait a few minutes and send again; your text is kept.';
      return { ok: false, status: 429, error: 'rate_limited', fields: { _: [message] }, values, headers: { 'Retry-After': limited.headers.get('Retry-After') ?? '60' } };
    }
    const result = await fileTicket({ ...body.value, contractKey: key }, { at, via: bearer ? 'api' : 'form', grant });
    if (!result.ok) return { ...result, values };
    return { ok: true, ticket: result.ticket, kind: body.kind };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error('A ticket could not be stored: the database is unavailable:', (error as Error).cause ?? error);
    return { ok: false, status: 503, error: 'database_unavailable', fields: { _: [storageFailedMessage(body.value.emergency)] }, values, headers: { 'Retry-After': '30' } };
  }
}
