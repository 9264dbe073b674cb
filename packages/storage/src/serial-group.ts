import { CompiledQuery, type Kysely } from 'kysely';

interface Waiter {
  resolve: (serial: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Case serials on PostgreSQL for concurrent intakes: whoever asks while a fetch is under way waits
 * for the next one, which takes as many values of `case_serial_seq` as there are callers in ONE
 * round trip (`nextval` over generate_series). Nothing is cached ahead: an idle server takes one
 * value per case, as before; a value taken by an intake that then fails is a gap, as with any
 * sequence. Serials handed out by one process grow with the order of the requests.
 */
export class SerialGroup {
  private waiting: Waiter[] = [];
  private fetching = false;

  constructor(
    private readonly db: Kysely<unknown>,
    private readonly sequence: string,
    private readonly maxPerFetch = 1_000,
  ) {}

  next(): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.fetching) void this.fetch();
    });
  }

  private async fetch(): Promise<void> {
    this.fetching = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxPerFetch);
      try {
        const text = `select nextval('${this.sequence}') as n from generate_series(1, $1)`;
        const { rows } = await this.db.executeQuery<{ n: string | number }>(CompiledQuery.raw(text, [batch.length]));
        const serials = rows.map((r) => Number(r.n)).sort((a, b) => a - b);
        batch.forEach((w, i) => w.resolve(serials[i]!));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.fetching = false;
  }
}
