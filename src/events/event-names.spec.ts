import { EVENT_LABELS, eventLabel, isEventName } from './event-names';
import { STAFF_ACTIONS } from '../cases/case-workflow';

describe('event names and their labels', () => {
  it('labels every event in words (no raw names, no blanks)', () => {
    for (const [name, label] of Object.entries(EVENT_LABELS)) {
      expect(name).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(label.trim().length).toBeGreaterThan(3);
      expect(label).not.toContain(name);
    }
  });

  it('has a label for the event every staff action writes (case.<action>)', () => {
    for (const action of STAFF_ACTIONS) expect(isEventName(`case.${action}`)).toBe(true);
  });

  it('shows an unknown stored action as written', () => {
    expect(eventLabel('case.decide')).toBe('Decision made');
    expect(eventLabel('legacy.thing')).toBe('legacy.thing');
  });
});
