// Pagefind's searches in worker threads: at 10,000 articles one search costs some 10 ms of CPU
// (WebAssembly, then parsing some 500 results), which in the HTTP thread held every other request
// of the server back. A pool of workers (src/server/search-worker.js, one copy of the index each)
// runs them; the HTTP thread plans the query, merges and answers. Nothing here changes an answer:
// every worker holds the same index, so two app servers and any worker answer alike.
import { Worker } from 'node:worker_threads';
import workerSource from './search-worker.js?raw';
import type { PagefindData } from '../lib/search-hits';
import type { PagefindResult, PagefindSearch } from '../lib/search-answer';

interface Pending { resolve: (value: never) => void; reject: (error: Error) => void }

class SearchWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Answers being built on this worker, to send the next one to the least busy. */
  busy = 0;
  readonly ready: Promise<void>;
  dead: Error | null = null;

  constructor(clientDir: string, options: Record<string, unknown>, unavailable: (message: string) => Error) {
    this.worker = new Worker(workerSource, { eval: true, workerData: { clientDir, options } });
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: { id?: number; ready?: true; failed?: string; unavailable?: boolean; error?: string }) => {
        if (message.ready) return resolve();
        if (message.failed !== undefined) {
          void this.worker.terminate();
          return reject(message.unavailable ? unavailable(message.failed) : new Error(message.failed));
        }
        const waiting = this.pending.get(message.id!);
        if (!waiting) return;
        this.pending.delete(message.id!);
        if (message.error !== undefined) waiting.reject(new Error(message.error));
        else waiting.resolve(message as never);
      });
      const fail = (error: Error) => {
        this.dead = error;
        reject(error);
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
      };
      this.worker.on('error', fail);
      this.worker.on('exit', (code) => fail(new Error(`Search worker stopped (exit code ${code}).`)));
    });
    this.ready.catch(() => undefined);
  }

  ask<T>(message: Record<string, unknown>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  tell(message: Record<string, unknown>): void {
    if (!this.dead) this.worker.postMessage(message);
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * One answer's view of a worker: Pagefind's search API (see src/lib/search-answer.ts), with the
 * data of the results asked for in one go loaded in one message.
 */
class WorkerSession implements PagefindSearch {
  private readonly searches: number[] = [];
  constructor(private readonly worker: SearchWorker) {}

  async search(text: string, { filters }: { filters: Record<string, string[]> }): Promise<{ results: PagefindResult[] }> {
    const { id, results } = await this.worker.ask<{ id: number; results: Array<[string, number]> }>({ op: 'search', text, filters });
    this.searches.push(id);
    let batch: { pages: string[]; loaded: Promise<PagefindData[]> } | null = null;
    const data = (page: string): Promise<PagefindData> => {
      if (!batch) {
        const pages: string[] = [];
        const loaded = Promise.resolve().then(() => {
          batch = null;
          return this.worker.ask<{ data: PagefindData[] }>({ op: 'data', search: id, pages }).then((a) => a.data);
        });
        batch = { pages, loaded };
      }
      const { pages, loaded } = batch;
      const at = pages.push(page) - 1;
      return loaded.then((all) => all[at]);
    };
    return { results: results.map(([page, score]) => ({ id: page, score, data: () => data(page) })) };
  }

  release(): void {
    if (this.searches.length) this.worker.tell({ op: 'release', searches: this.searches });
  }
}

export interface SearchPool {
  /** Runs `answer` with one worker's Pagefind; its searches are released afterwards. */
  withPagefind<T>(answer: (pagefind: PagefindSearch) => Promise<T>): Promise<T>;
  /** False once every worker has stopped (crashed): the pool must be started again. */
  alive(): boolean;
  stop(): Promise<void>;
}

/** Starts `size` workers on a build's index; resolves once all have loaded it. */
export async function startSearchPool(clientDir: string, options: Record<string, unknown>, size: number, unavailable: (message: string) => Error): Promise<SearchPool> {
  const workers = Array.from({ length: size }, () => new SearchWorker(clientDir, options, unavailable));
  try {
    await Promise.all(workers.map((w) => w.ready));
  } catch (error) {
    await Promise.all(workers.map((w) => w.stop()));
    throw error;
  }
  return {
    async withPagefind(answer) {
      const alive = workers.filter((w) => !w.dead);
      if (!alive.length) throw workers[0].dead!;
      const worker = alive.reduce((a, b) => (b.busy < a.busy ? b : a));
      const session = new WorkerSession(worker);
      worker.busy++;
      try {
        return await answer(session);
      } finally {
        worker.busy--;
        session.release();
      }
    },
    alive: () => workers.some((w) => !w.dead),
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}
