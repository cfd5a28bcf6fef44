// Receivers for what the delivery worker sends: a real SMTP server (smtp-server) that records each
// message it accepted, and a webhook receiver on loopback that checks every signature.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { verifySignature } from '../../src/lib/webhooks.ts';
import { freePort } from './server.ts';

export interface Mail { to: string[]; subject: string; messageId: string; data: string }

export interface SmtpSink {
  url: string;
  mails: Mail[];
  close: () => Promise<void>;
}

/** A header's value, unfolded (long subjects are wrapped over several lines). */
function header(data: string, name: string): string {
  const head = data.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: *(.*)$`, 'mi').exec(head)?.[1]?.trim() ?? '';
}

/**
 * An SMTP server on loopback. A message counts as delivered only when the sink answered 250 on a
 * connection still open (as RFC 5321 has it: a message whose sender vanished before the reply is
 * not delivered). `hold` runs before that answer (to kill a sender mid-send); `refuse` answers
 * a recipient with a 550.
 */
export async function startSmtpSink(options: { hold?: (mail: Mail, senderGone: Promise<void>) => Promise<void>; refuse?: (to: string) => boolean } = {}): Promise<SmtpSink> {
  const mails: Mail[] = [];
  const closed = new Set<string>();
  const gone = new Map<string, () => void>();
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, done) {
      let data = '';
      stream.on('data', (c) => { data += c; });
      stream.on('end', async () => {
        const mail = { to: session.envelope.rcptTo.map((r) => r.address), subject: header(data, 'Subject'), messageId: header(data, 'Message-ID'), data };
        await options.hold?.(mail, new Promise<void>((resolve) => (closed.has(session.id) ? resolve() : gone.set(session.id, resolve))));
        if (closed.has(session.id)) return done(new Error('the sender is gone'));
        mails.push(mail);
        done();
      });
    },
    onClose(session) {
      closed.add(session.id);
      gone.get(session.id)?.();
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The decoded text of a mail (quoted-printable soft breaks and escapes undone). */
export const mailText = (mail: Mail) => mail.data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));

/** The first link to `path` with a ?token= in the mail, e.g. the confirmation link. */
export function linkIn(mail: Mail, path: string): string {
  const found = new RegExp(`https?://[^\\s"<>]*${path.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_%-]+`).exec(mailText(mail));
  if (!found) throw new Error(`no ${path} link in:\n${mailText(mail)}`);
  return found[0];
}

export interface Hook { path: string; event: string; key: string; signed: boolean; body: Record<string, any> }

export interface WebhookReceiver {
  url: string;
  hooks: Hook[];
  /** The status to answer with, per path (204 unless set). */
  status: Map<string, number>;
  close: () => Promise<void>;
}

/** Records every POST and whether its Cairn-Signature verifies under `secretFor(path)`. */
export async function startWebhookReceiver(secretFor: (path: string) => string | undefined): Promise<WebhookReceiver> {
  const hooks: Hook[] = [];
  const status = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => { raw += c; });
    req.on('end', () => {
      const path = req.url ?? '/';
      const answer = status.get(path) ?? 204;
      const secret = secretFor(path);
      const signed = !!secret && verifySignature(secret, raw, String(req.headers['cairn-signature'] ?? ''), Math.floor(Date.now() / 1000));
      if (answer < 300) hooks.push({ path, event: String(req.headers['cairn-event']), key: String(req.headers['idempotency-key']), signed, body: JSON.parse(raw) });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hooks, status,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, ms = 30_000): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
