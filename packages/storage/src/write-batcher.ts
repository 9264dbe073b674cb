import type { Kysely } from 'kysely';
import type { Schema } from './schema.ts';

type Work<T> = (trx: Kysely<Schema>) => Promise<T>;
interface Job {
  work: Work<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for SQLite. SQLite runs one write transaction at a time and each commit costs a WAL
 * write (~0.3 ms on this machine) — far more than the statements of a typical request. Writes that
 * arrive together are run one after another inside ONE transaction, each in its own savepoint (a
 * failing write rolls back only itself), and every caller is answered only after the shared COMMIT:
 * no write is acknowledged before it is durable. Semantics are those of running them serially.
 */
export class WriteBatcher {
  private queue: Job[] = [];
  private flushing = false;

  /**
   * `exec` runs a statement directly on the one SQLite connection (savepoints cost ~2 µs that way,
   * against ~25 µs through the query builder); the surrounding transaction holds that connection.
   */
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly exec: (statement: string) => void,
    private readonly maxBatch = 200,
  ) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      const outcomes: { ok: boolean; value: unknown }[] = [];
      try {
        // One connection for the whole batch; BEGIN IMMEDIATE takes the write lock up front, so a
        // second process (the CLI, a second server) waits for it (busy_timeout) instead of failing
        // when a read-then-write transaction would have to upgrade.
        await this.db.connection().execute(async (conn) => {
          this.exec('begin immediate');
          try {
            for (const job of batch) {
              this.exec('savepoint gj_write');
              try {
                const value = await job.work(conn);
                this.exec('release savepoint gj_write');
                outcomes.push({ ok: true, value });
              } catch (error) {
                this.exec('rollback to savepoint gj_write');
                this.exec('release savepoint gj_write');
                outcomes.push({ ok: false, value: error });
              }
            }
            this.exec('commit');
          } catch (error) {
            this.exec('rollback');
            throw error;
          }
        });
      } catch (commitError) {
        for (const job of batch) job.reject(commitError);
        continue;
      }
      batch.forEach((job, i) => (outcomes[i]!.ok ? job.resolve(outcomes[i]!.value) : job.reject(outcomes[i]!.value)));
    }
    this.flushing = false;
  }
}
