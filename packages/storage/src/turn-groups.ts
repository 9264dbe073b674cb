/**
 * What arrives in the same turn of the event loop, handed on in groups of at most `maxGroup`, in the
 * order it arrived: the grouping behind intake-group.ts (one statement writes a group of intakes) and
 * read-group.ts (one statement answers a group of reads).
 */
export class TurnGroups<E> {
  private queue: E[] = [];
  private scheduled = false;

  constructor(
    private readonly handle: (group: E[]) => void,
    private readonly maxGroup: number,
  ) {}

  add(entry: E): void {
    this.queue.push(entry);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) this.handle(this.queue.splice(0, this.maxGroup));
  }
}
