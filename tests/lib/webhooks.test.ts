import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPrivateAddress, receives, receivesStatus, signPayload, ticketCreatedPayload, verifySignature, webhookComponents, webhookInputSchema } from '../../src/lib/webhooks';

describe('the signature header', () => {
  const secret = 'whsec_test';
  const body = '{"type":"ticket.created"}';
  it('is t=<seconds>,v1=<HMAC-SHA256 hex of "t.body">, as a receiver recomputes it', () => {
    const mac = createHmac('sha256', secret).update(`1764590400.${body}`).digest('hex');
    expect(signPayload(secret, body, 1764590400)).toBe(`t=1764590400,v1=${mac}`);
  });
  it.each([
    ['the same body and secret, within 5 minutes', body, secret, 1764590400 + 299, true],
    ['a changed body', body.replace('created', 'deleted'), secret, 1764590400, false],
    ['another secret', body, 'whsec_other', 1764590400, false],
    ['a replay 6 minutes later', body, secret, 1764590400 + 360, false],
  ])('verifies: %s', (_name, received, key, nowSeconds, ok) => {
    expect(verifySignature(key, received, signPayload(secret, body, 1764590400), nowSeconds)).toBe(ok);
  });
  it('refuses a malformed header', () => {
    expect(verifySignature(secret, body, 'v1=abc', 1764590400)).toBe(false);
    expect(verifySignature(secret, body, '', 1764590400)).toBe(false);
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.16.0.1', true], ['172.32.0.1', false], ['192.168.1.1', true], ['169.254.169.254', true],
    ['100.64.0.1', true], ['0.0.0.0', true], ['224.0.0.1', true], ['8.8.8.8', false], ['93.184.216.34', false],
    ['::1', true], ['::', true], ['fe80::1', true], ['fd12:3456::1', true], ['ff02::1', true], ['2001:4860:4860::8888', false],
    ['::ffff:127.0.0.1', true], ['::ffff:7f00:1', true], ['::ffff:8.8.8.8', false], ['64:ff9b::a00:1'.replace('a00:1', '10.0.0.1'), true],
    ['localhost', true], ['not an address', true],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('registration', () => {
  it('takes an http(s) URL and all events or one', () => {
    expect(webhookInputSchema.parse({ url: ' https://desk.example.com/hook ', events: 'ticket.created' })).toEqual({ url: 'https://desk.example.com/hook', events: 'ticket.created', scope: 'all' });
    expect(webhookInputSchema.parse({ url: 'http://desk.example.com/' }).events).toBe('all');
  });
  it.each([['ftp://desk.example.com/'], ['javascript:alert(1)'], ['not a url'], ['']])('refuses %j', (url) => {
    expect(webhookInputSchema.safeParse({ url }).success).toBe(false);
  });
  it('filters by event, null meaning every event', () => {
    expect(receives(null, 'ticket.created')).toBe(true);
    expect(receives(['ticket.created'], 'ticket.created')).toBe(true);
    expect(receives([], 'ticket.created')).toBe(false);
  });
});

describe('ticketCreatedPayload', () => {
  it('carries reference, plan, queue, deadline and the request', () => {
    const payload = JSON.parse(ticketCreatedPayload({
      reference: 'T-0000-0000-0000-0001', plan: 'pro', queue: 'pro', emergency: false,
      receivedAt: new Date('2026-12-01T09:00:00Z'), firstResponseDueAt: new Date('2026-12-01T11:00:00Z'),
      request: { name: 'Ana', email: 'ana@example.com', product: 'email', subject: 'Mail bounces', description: 'Since this morning.' },
    }));
    expect(payload).toEqual({
      type: 'ticket.created', created_at: '2026-12-01T09:00:00.000Z',
      ticket: { reference: 'T-0000-0000-0000-0001', plan: 'pro', queue: 'pro', emergency: false, received_at: '2026-12-01T09:00:00.000Z', first_response_due_at: '2026-12-01T11:00:00.000Z',
        request: { name: 'Ana', email: 'ana@example.com', product: 'email', subject: 'Mail bounces', description: 'Since this morning.' } },
    });
  });
});

describe('which webhooks receive a status event', () => {
  const all = { events: null, components: null };
  const dns = { events: null, components: ['dns'] };
  const dnsTickets = { events: ['ticket.created'], components: ['dns'] };
  it.each([
    ['a webhook for every component hears of an incident on DNS', all, ['dns'], true],
    ['a webhook for DNS hears of an incident on DNS and mail', dns, ['mailboxes', 'dns'], true],
    ['a webhook for DNS does not hear of an incident on mail only', dns, ['mailboxes'], false],
    ['an incident on no component goes to the webhooks for every component', all, [], true],
    ['an incident on no component does not go to a webhook for DNS', dns, [], false],
    ['a webhook for new tickets only hears of no status event, whatever its components', dnsTickets, ['dns'], false],
  ])('%s', (_name, hook, affected, expected) => {
    expect(receivesStatus(hook, 'incident.updated', affected)).toBe(expected);
  });
});

describe('the components ticked on the registration form', () => {
  const known = ['dns', 'vps', 'mailboxes'];
  it.each([
    ['nothing chosen means every component', {}, { ok: true, components: null }],
    ['"all" ignores boxes ticked before switching', { scope: 'all', 'component-dns': 'on' }, { ok: true, components: null }],
    ['"some" takes the ticked ones, in the status page\'s order', { scope: 'some', 'component-mailboxes': 'on', 'component-dns': 'on' }, { ok: true, components: ['dns', 'mailboxes'] }],
    ['"some" with none ticked is an error beside the list', { scope: 'some' }, { ok: false, fields: { components: ['choose at least one component, or everything'] } }],
    ['an unknown id is an error, not dropped', { scope: 'some', 'component-dns': 'on', 'component-gone': 'on' }, { ok: false, fields: { components: ['"gone" is not a component of the status page; reload the page and tick again'] } }],
  ])('%s', (_name, fields, expected) => {
    expect(webhookComponents(fields, known)).toEqual(expected);
  });
});
