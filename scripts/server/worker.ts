// `npm run worker`: the delivery worker on its own (outbox mail and webhooks, SLA alerts), for
// teams that run it apart from the app servers (start those with DELIVERY_WORKER=0). Any number
// may run against one database: messages are claimed with a lease. Stops cleanly on SIGTERM/SIGINT.
// `npm run worker -- --once` makes one pass (alerts due now, then whatever can be sent) and exits,
// e.g. from cron, or with CAIRN_NOW to see what a given minute raises.
import { startDeliveryFromEnv } from '../../src/server/delivery-start.ts';

const once = process.argv.includes('--once');
const worker = await startDeliveryFromEnv({ autostart: !once });
if (once) {
  await worker.runOnce();
  await worker.stop();
  process.exit(0);
}
console.log('The delivery worker is running (SMTP_URL for mail; webhooks from the console). Stop it with Ctrl-C.');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => void worker.stop().then(() => process.exit(0)));
}
