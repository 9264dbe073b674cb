import { TurnGroups } from './turn-groups.ts';

interface Waiting<Q, R> {
  question: Q;
  resolve: (answer: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Reads asked for in the same turn of the event loop, answered by ONE statement (one round trip on
 * PostgreSQL instead of one each): `readMany` gets every question of the turn (at most `maxGroup`) and
 * answers them in the same order. If it fails, every question of that group gets its error.
 */
export class ReadGroup<Q, R> {
  private readonly turns: TurnGroups<Waiting<Q, R>>;

  constructor(
    private readonly readMany: (questions: readonly Q[]) => Promise<R[]>,
    maxGroup = 100,
  ) {
    this.turns = new TurnGroups((group) => this.answer(group), maxGroup);
  }

  read(question: Q): Promise<R> {
    return new Promise<R>((resolve, reject) => this.turns.add({ question, resolve, reject }));
  }

  private answer(group: Waiting<Q, R>[]): void {
    this.readMany(group.map((g) => g.question)).then(
      (answers) => group.forEach((g, i) => g.resolve(answers[i]!)),
      (error: unknown) => group.forEach((g) => g.reject(error)),
    );
  }
}
