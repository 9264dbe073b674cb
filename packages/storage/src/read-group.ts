/**
 * Reads asked for in the same turn of the event loop, answered by ONE statement (one round trip on
 * PostgreSQL instead of one each): `readMany` gets every question of the turn (at most `maxGroup`) and
 * answers them in the same order. If it fails, every question of that group gets its error.
 */
export class ReadGroup<Q, R> {
  private queue: { question: Q; resolve: (answer: R) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly readMany: (questions: readonly Q[]) => Promise<R[]>,
    private readonly maxGroup = 100,
  ) {}

  read(question: Q): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ question, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroup);
      this.readMany(group.map((g) => g.question)).then(
        (answers) => group.forEach((g, i) => g.resolve(answers[i]!)),
        (error: unknown) => group.forEach((g) => g.reject(error)),
      );
    }
  }
}
