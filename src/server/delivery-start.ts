// Starts the delivery worker with the settings of the environment (src/config.ts), for the
// server (scripts/server/serve.ts) and for `npm run worker` (scripts/server/worker.ts).
import { createDb, databaseConfig, dbReady } from '../../db/client.ts';
import { delivery, mail, siteUrl, supportDir } from '../config.ts';
import { now } from './clock.ts';
import { readPolicy, startDelivery, type DeliveryWorker } from './delivery.ts';

export async function startDeliveryFromEnv(options: { autostart?: boolean } = {}): Promise<DeliveryWorker> {
  // Its own connection, whose commits are not synced to disk one by one (synchronous NORMAL, as
  // for the rate-limit counters): claims and "sent" marks survive a crash of the process (WAL),
  // and a power cut can only lose a mark, so a message is sent again, never lost. An fsync per
  // mark would cap delivery at the disk's sync rate. Messages are enqueued with their events on
  // the server's own connection, fully synced.
  const db = createDb({ ...databaseConfig(), synchronous: 'normal' });
  await dbReady(db);
  return startDelivery({
    db, now, policy: readPolicy(supportDir),
    smtpUrl: mail.smtpUrl, from: mail.from, onCall: mail.onCall, onCallBackup: delivery.onCallBackup, siteUrl,
    leaseMs: delivery.leaseMs, concurrency: delivery.concurrency, pollMs: delivery.pollMs,
    retry: { baseMs: delivery.retryBaseMs, capMs: 3_600_000, maxAttempts: delivery.maxAttempts },
    webhookFailureLimit: delivery.webhookFailureLimit, webhookAllowPrivate: delivery.webhookAllowPrivate, webhookTimeoutMs: delivery.webhookTimeoutMs,
  }, options);
}
