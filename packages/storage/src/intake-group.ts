import type { SqlRunner } from './dialect/detect.ts';
import { mergeSummedRows, runWrites, type RowWrite } from './row-writes.ts';
import type { SerialGroup } from './serial-group.ts';
import { TurnGroups } from './turn-groups.ts';

/** One intake waiting for its group: what it writes once it knows its serial. */
interface Entry {
  build: (serial: number) => { writes: RowWrite[]; value: unknown };
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * 受理 on PostgreSQL in groups, the group commit SQLite has in write-batcher.ts (decision 0016): the
 * intakes that arrive in the same turn of the event loop take their serials together (serial-group.ts)
 * and are written by ONE statement: one round trip, one transaction and one commit for all of them,
 * instead of one each. Every intake is answered only after that commit. If the statement fails (one
 * intake's idempotency key was stored meanwhile by another process, say), nothing of it was written:
 * each intake of the group is then written again on its own, so only the one at fault is refused, as
 * if they had been run one after another.
 */
export class IntakeGroup {
  private readonly turns: TurnGroups<Entry>;

  constructor(
    private readonly db: SqlRunner,
    private readonly serials: SerialGroup,
    /** Intakes per statement: ~100 parameters each, far below PostgreSQL's 65,535. */
    maxGroup = 50,
  ) {
    this.turns = new TurnGroups((group) => void this.write(group), maxGroup);
  }

  run<T>(build: (serial: number) => { writes: RowWrite[]; value: T }): Promise<T> {
    return new Promise<T>((resolve, reject) => this.turns.add({ build, resolve: resolve as (value: unknown) => void, reject }));
  }

  private async write(group: Entry[]): Promise<void> {
    // every serial is asked for now, in the order of the requests, so they share one fetch
    const serials = await Promise.allSettled(group.map(() => this.serials.next()));
    const built: { entry: Entry; writes: RowWrite[]; value: unknown }[] = [];
    group.forEach((entry, i) => {
      const serial = serials[i]!;
      if (serial.status === 'rejected') return entry.reject(serial.reason);
      try {
        built.push({ entry, ...entry.build(serial.value) });
      } catch (error) {
        entry.reject(error);
      }
    });
    if (built.length === 0) return;
    try {
      await runWrites(this.db, built.length === 1 ? built[0]!.writes : mergeSummedRows(built.flatMap((b) => b.writes)));
      for (const b of built) b.entry.resolve(b.value);
    } catch (error) {
      if (built.length === 1) return built[0]!.entry.reject(error);
      await Promise.all(
        built.map(async (b) => {
          try {
            await runWrites(this.db, b.writes);
            b.entry.resolve(b.value);
          } catch (alone) {
            b.entry.reject(alone);
          }
        }),
      );
    }
  }
}
