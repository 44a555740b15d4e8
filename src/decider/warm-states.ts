/**
 * Deciders' states kept between commands, each with the revision it was folded up to, so the next
 * command on a stream reads only the events appended since (by anyone) instead of the whole stream.
 * Bounded: the least recently used streams are folded afresh when they come back.
 */
export class WarmStates<State> {
  private readonly states = new Map<string, { state: State; revision: number }>();

  constructor(private readonly limit = 50_000) {}

  get(streamId: string): { state: State; revision: number } | undefined {
    const warm = this.states.get(streamId);
    if (warm) {
      this.states.delete(streamId);
      this.states.set(streamId, warm);
    }
    return warm;
  }

  set(streamId: string, state: State, revision: number): void {
    this.states.delete(streamId);
    this.states.set(streamId, { state, revision });
    if (this.states.size > this.limit) this.states.delete(this.states.keys().next().value!);
  }
}
