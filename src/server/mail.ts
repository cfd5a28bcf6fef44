// Outgoing mail. Every message is first written to the outbox table (so nothing is lost),
// then sent through SMTP when SMTP_URL is set; without SMTP the outbox keeps them for later.
import nodemailer, { type Transporter } from 'nodemailer';
import { getDb } from '../../db/client.ts';
import { pendingMail, markMailFailed, markMailSent } from '../../db/queries/outbox.ts';
import { mail as settings } from '../config';

let transport: Transporter | null | undefined;
function smtp(): Transporter | null {
  transport ??= settings.smtpUrl ? nodemailer.createTransport(settings.smtpUrl) : null;
  return transport;
}

let running: Promise<void> | null = null;
/** Sends whatever waits in the outbox; concurrent calls share one run. */
export function deliverOutbox(): Promise<void> {
  const transporter = smtp();
  if (!transporter) return Promise.resolve();
  running ??= (async () => {
    try {
      const db = getDb();
      for (const message of await pendingMail(db, 50)) {
        try {
          await transporter.sendMail({ from: settings.from, to: message.recipient, subject: message.subject, text: message.body });
          await markMailSent(db, message.id, new Date());
        } catch (error) {
          await markMailFailed(db, message.id, (error as Error).message.slice(0, 500));
        }
      }
    } finally {
      running = null;
    }
  })();
  return running;
}
