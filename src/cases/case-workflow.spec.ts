import { CASE_STATUSES } from './case.entity';
import { notifierMay, NOTIFIER_TRANSITIONS, STATUS_LABELS } from './case-workflow';

describe('notifier transitions', () => {
  const allowed = {
    supply_info: ['awaiting_info'],
    withdraw: ['new', 'awaiting_info', 'in_review', 'escalated'],
  };

  for (const action of Object.keys(NOTIFIER_TRANSITIONS) as Array<keyof typeof NOTIFIER_TRANSITIONS>) {
    it.each(CASE_STATUSES.map((status) => [status]))(`${action} from %s`, (status) => {
      expect(notifierMay(action, status)).toBe(allowed[action].includes(status));
    });
  }

  it('labels every status', () => {
    for (const status of CASE_STATUSES) expect(STATUS_LABELS[status]).toBeTruthy();
  });
});
