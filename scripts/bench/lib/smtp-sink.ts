// Starts scripts/bench/lib/smtp-sink-process.ts and talks to it over IPC: its URL, how many mails
// it accepted (and how many offer one-click unsubscribe), and closing it.
import { fork } from 'node:child_process';

export interface SinkCount { mails: number; oneClick: number }

export interface SmtpSinkProcess {
  url: string;
  count: () => Promise<SinkCount>;
  close: () => Promise<void>;
}

export async function startSmtpSinkProcess(): Promise<SmtpSinkProcess> {
  const child = fork('scripts/bench/lib/smtp-sink-process.ts', { execPath: process.execPath, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>() => new Promise<T>((resolve, reject) => {
    const failed = (code: number | null) => reject(new Error(`The SMTP sink exited (${code})`));
    child.once('exit', failed);
    child.once('message', (m) => { child.off('exit', failed); resolve(m as T); });
  });
  const { url } = await next<{ url: string }>();
  return {
    url,
    count: () => { const answer = next<SinkCount>(); child.send('count'); return answer; },
    close: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.send('close');
    }),
  };
}
