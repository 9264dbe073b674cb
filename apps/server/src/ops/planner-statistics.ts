import { refreshPlannerStatistics, type Database } from '@guanjia/storage';

/** How often a running server refreshes SQLite's planner statistics (PRAGMA optimize). */
export const PLANNER_STATISTICS_EVERY_MS = 4 * 60 * 60 * 1000;

/**
 * Keeps the query planner's statistics current while the server runs (decision 0013): once at start,
 * then every few hours. SQLite only (PRAGMA optimize, sampled; milliseconds); PostgreSQL's autovacuum
 * analyzes by itself. A failure is reported and retried at the next turn.
 */
export class PlannerStatistics {
  private timer: NodeJS.Timeout | null = null;
  constructor(
    private readonly database: Database,
    private readonly onError: (error: unknown) => void,
    private readonly everyMs = PLANNER_STATISTICS_EVERY_MS,
  ) {}

  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async refresh(): Promise<void> {
    try {
      await refreshPlannerStatistics(this.database, 'periodic');
    } catch (error) {
      this.onError(error);
    }
  }
}
