import { Decider, DomainEvent, fold } from '../src/decider/decider';

/**
 * Given/when/then on events: the business rule reads as events in, events out (or the error it raises).
 * Pure: no Nest, no store, no clock.
 */
export const deciderSpec = <State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>) => ({
  given: (history: Event[]) => ({
    when: (command: Command) => {
      const decide = () => decider.decide(command, fold(decider, history));
      return {
        then: (expected: Event[]) => expect(decide()).toEqual(expected),
        thenThrows: (errorType: new (...args: never[]) => Error, message?: string | RegExp) => {
          expect(decide).toThrow(errorType);
          if (message) expect(decide).toThrow(message);
        },
        thenEvents: (check: (events: Event[]) => void) => check(decide()),
      };
    },
  }),
});
