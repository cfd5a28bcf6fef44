// The SMTP sink (tests/e2e/sinks.ts) in a process of its own, for benches that load a server
// while it delivers: the sink's SMTP parsing then does not share the load generator's event loop,
// where it would add its own delays to the latencies measured. Run by startSmtpSinkProcess().
import { startSmtpSink } from '../../../tests/e2e/sinks.ts';

const sink = await startSmtpSink();
process.send!({ url: sink.url });
process.on('message', (message) => {
  if (message === 'count') {
    const oneClick = sink.mails.filter((m) => /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/mi.test(m.data)).length;
    process.send!({ mails: sink.mails.length, oneClick });
  } else if (message === 'close') {
    void sink.close().then(() => process.exit(0));
  }
});
