// The production server (`npm start` runs it after building and migrating). One process by
// default; SERVER_PROCESSES=N (or "auto", one per core) runs N, sharing the port through
// node:cluster, so CPU-bound answers (search) use every core. Nothing a process keeps in memory
// has to agree with another's: rate limits, delivery and the status version live in the
// database, as they must for several app servers anyway. A process that dies is started again.
import cluster from 'node:cluster';
import os from 'node:os';
import { helperThreadsFlag, serverProcesses } from './processes.ts';

const wanted = serverProcesses(process.env.SERVER_PROCESSES, os.availableParallelism());
if (!wanted.ok) {
  console.error(wanted.message);
  process.exit(1);
}

if (wanted.count === 1 || !cluster.isPrimary) {
  await import('./http-server.ts');
} else {
  let stopping = false;
  // Each process's V8 helper threads sized to its share of the machine (see helperThreadsFlag).
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...helperThreadsFlag(os.availableParallelism(), wanted.count, process.execArgv, process.env.NODE_OPTIONS)] });
  const fork = () => cluster.fork();
  for (let i = 0; i < wanted.count; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
      return;
    }
    console.error(`Server process ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another.`);
    setTimeout(fork, 1000);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      if (!workers.length) process.exit(0);
      for (const worker of workers) worker?.process.kill('SIGTERM');
    });
  }
}
