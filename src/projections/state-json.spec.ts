import { stateFromJson, stateToJson } from './state-json';

describe('read-model states as snapshot text', () => {
  it('keeps maps keyed by anything a user sends, nested or not', () => {
    const byChip = new Map([
      ['__proto__', '1'],
      ['constructor', '2'],
      ['toString', '3'],
    ]);
    const state = { 'almaty-2018': { byChip, teams: [{ legs: new Map([[1, 'Aigerim']]) }], count: 3 } };
    const restored = stateFromJson<typeof state>(stateToJson(state));
    expect(restored['almaty-2018'].byChip).toBeInstanceOf(Map);
    expect([...restored['almaty-2018'].byChip]).toEqual([...byChip]);
    expect(restored['almaty-2018'].teams[0]!.legs.get(1)).toBe('Aigerim');
    expect(stateToJson(restored)).toBe(stateToJson(state));
    expect(Object.getPrototypeOf(restored['almaty-2018'])).toBe(Object.prototype);
  });
});
