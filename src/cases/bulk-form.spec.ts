import { bulkFormErrors, readBulkForm } from './bulk-form';

describe('the queue’s bulk form', () => {
  it('reads every ticked case (a repeated name) with the version its row showed', () => {
    const form = readBulkForm({
      _csrf: 't',
      action: 'escalate',
      reason: 'Court order',
      note: 'not sent with escalate',
      case: ['TD-2026-000001', 'TD-2026-000002', 'TD-2026-000001'],
      'version-TD-2026-000001': '3',
      'version-TD-2026-000002': 'x',
      'version-TD-2026-000009': '1',
      queue: 'status=new&status=in_review&type=copyright',
    });
    expect(form.selected).toEqual(['TD-2026-000001', 'TD-2026-000002']);
    expect(form.body).toEqual({
      action: 'escalate',
      reason: 'Court order',
      cases: [
        { reference: 'TD-2026-000001', version: 3 },
        { reference: 'TD-2026-000002', version: 'x' },
      ],
    });
    expect(form.filters).toMatchObject({ status: ['new', 'in_review'], type: 'copyright' });
  });

  it('reads one ticked case, "me" as no assignee, and nothing ticked as an empty list', () => {
    expect(readBulkForm({ action: 'assign', assigneeId: 'me', case: 'TD-2026-000001', 'version-TD-2026-000001': '1' }).body).toEqual({
      action: 'assign',
      cases: [{ reference: 'TD-2026-000001', version: 1 }],
    });
    expect(readBulkForm({ action: 'note', note: 'Hi' }).body).toEqual({ action: 'note', note: 'Hi', cases: [] });
  });

  it('puts errors about single list entries in one place, and asks for an action in words', () => {
    expect(
      bulkFormErrors([
        { field: 'cases[0].version', message: 'Must be a whole number.' },
        { field: 'cases[1].version', message: 'Must be a whole number.' },
        { field: 'action', message: 'Must be one of: assign, escalate, close_duplicate, note.' },
      ]),
    ).toEqual([
      { field: 'cases', message: 'The selection is not valid: reload the queue and tick the cases again.' },
      { field: 'action', message: 'Choose an action.' },
    ]);
  });
});
