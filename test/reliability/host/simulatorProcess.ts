/**
 * The simulator with the large dataset in a child process, on a clock the parent moves: the soak measures
 * the host's heap, sockets and timers, so the simulator's own (its 6 MB response cache, its request log,
 * the server side of each socket) must not be in the same process. Run as a module it is the parent's
 * handle; forked, it is the child.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { generateDataset, largeDatasetOptions } from '../../simulator/generator';
import { startSimulator, type Simulator } from '../../simulator/server';

type Ask = { type: 'clock'; now: number } | { type: 'requests' } | { type: 'stop' };
type Request = Ask & { id: number };
type Reply = { id: number; statuses?: Record<string, number>; paths?: Record<string, number> };

export interface RemoteSimulator {
  url: string;
  apiKey: string;
  /** Moves the simulator's clock (quota windows, default ranges) to the parent's fake time. */
  setNow(now: number): Promise<void>;
  /** Requests answered since the last call, counted by status and by path; the child's log is then emptied. */
  takeCounts(): Promise<{ statuses: Record<string, number>; paths: Record<string, number> }>;
  stop(): Promise<void>;
}

/** Forks the child, which generates the large dataset ending at `now` and serves it with lifted limits. */
export function forkLargeSimulator(now: number): Promise<RemoteSimulator> {
  const child: ChildProcess = fork(__filename, [String(now)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  const ask = (request: Ask) =>
    new Promise<Reply>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.send({ ...request, id }, (error) => error && reject(error));
    });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      // Nothing answers after this: fail whatever still waits rather than hang until mocha's timeout.
      const error = new Error(`the simulator process exited (${code})`);
      reject(error);
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    });
    child.on('message', (message: Reply & { ready?: { url: string; apiKey: string } }) => {
      if (message.ready) {
        resolve({
          ...message.ready,
          setNow: async (at) => {
            await ask({ type: 'clock', now: at });
          },
          takeCounts: async () => {
            const reply = await ask({ type: 'requests' });
            return { statuses: reply.statuses ?? {}, paths: reply.paths ?? {} };
          },
          stop: async () => {
            if (child.exitCode === null) await ask({ type: 'stop' }).catch(() => undefined);
            await exited;
          },
        });
        return;
      }
      waiting.get(message.id)?.resolve(message);
      waiting.delete(message.id);
    });
  });
}

async function child(): Promise<void> {
  let now = Number(process.argv[2]);
  const dataset = generateDataset({ seed: 42, now, ...largeDatasetOptions });
  const sim: Simulator = await startSimulator({ dataset, liftLimits: true, clock: { now: () => now } });
  process.on('message', (request: Request) => {
    const reply = (value: Omit<Reply, 'id'> = {}) => process.send?.({ ...value, id: request.id });
    if (request.type === 'clock') {
      now = request.now;
      reply();
    } else if (request.type === 'requests') {
      const statuses: Record<string, number> = {};
      const paths: Record<string, number> = {};
      for (const r of sim.requests) {
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        paths[r.path] = (paths[r.path] ?? 0) + 1;
      }
      sim.requests.length = 0;
      reply({ statuses, paths });
    } else {
      void sim.stop().then(() => {
        reply();
        process.disconnect();
      });
    }
  });
  process.send?.({ id: 0, ready: { url: sim.url, apiKey: sim.apiKey } });
}

if (require.main === module) void child();
