// `npm run worker`: the delivery worker on its own (outbox mail and webhooks, SLA alerts), for
// teams that run it apart from the app servers (start those with DELIVERY_WORKER=0). Any number
// may run against one database: messages are claimed with a lease. Stops cleanly on SIGTERM/SIGINT.
import { startDeliveryFromEnv } from '../src/server/delivery-start.ts';

const worker = await startDeliveryFromEnv();
console.log('The delivery worker is running (SMTP_URL for mail; webhooks from the console). Stop it with Ctrl-C.');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => void worker.stop().then(() => process.exit(0)));
}
