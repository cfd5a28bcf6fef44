// Starts the delivery worker with the settings of the environment (src/config.ts), for the
// server (scripts/serve.mjs) and for `npm run worker` (scripts/worker.ts).
import { getDb, dbReady } from '../../db/client.ts';
import { delivery, mail, siteUrl, supportDir } from '../config.ts';
import { now } from './clock.ts';
import { readPolicy, startDelivery, type DeliveryWorker } from './delivery.ts';

export async function startDeliveryFromEnv(options: { autostart?: boolean } = {}): Promise<DeliveryWorker> {
  const db = getDb();
  await dbReady(db);
  return startDelivery({
    db, now, policy: readPolicy(supportDir),
    smtpUrl: mail.smtpUrl, from: mail.from, onCall: mail.onCall, onCallBackup: delivery.onCallBackup, siteUrl,
    leaseMs: delivery.leaseMs, concurrency: delivery.concurrency, pollMs: delivery.pollMs,
    retry: { baseMs: delivery.retryBaseMs, capMs: 3_600_000, maxAttempts: delivery.maxAttempts },
    webhookFailureLimit: delivery.webhookFailureLimit, webhookAllowPrivate: delivery.webhookAllowPrivate, webhookTimeoutMs: delivery.webhookTimeoutMs,
  }, options);
}
