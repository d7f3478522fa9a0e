import { DecideDto } from './dto/transition.dto';
import { validateAs } from '../common/validation';
import { hasFilters, queueFilterValues, queueHref, readDeskForm, splitTerritories, transitionBodyOf } from './desk-form';
import { dueText } from './case-labels';
import { changesSince } from './case-timeline';

const ITEM_A = '0b0c9a7e-6d1f-4a57-9a3e-2b7f7f1c0a01';
const ITEM_B = '0b0c9a7e-6d1f-4a57-9a3e-2b7f7f1c0a02';

describe('desk forms: the flat form post as a transition body', () => {
  it('maps a decision: one entry per row, territories split and uppercased, empty optional fields dropped, version a number', () => {
    const body = transitionBodyOf({
      action: 'decide',
      version: '3',
      'items[0].itemId': ITEM_A,
      'items[0].action': 'restrict',
      'items[0].territories': 'de, at;fr  de',
      'items[0].until': '',
      'items[0].passage': 'left over from another choice',
      'items[1].itemId': ITEM_B,
      'items[1].action': 'remove',
      'items[1].territories': 'ignored',
      ground: 'copyright_infringement',
      reasons: 'The photograph is reproduced without a licence.',
      publicNote: '   ',
    });
    expect(body).toEqual({
      action: 'decide',
      version: 3,
      items: [
        { itemId: ITEM_A, action: 'restrict', territories: ['DE', 'AT', 'FR'] },
        { itemId: ITEM_B, action: 'remove' },
      ],
      ground: 'copyright_infringement',
      reasons: 'The photograph is reproduced without a licence.',
    });
  });

  it('keeps rows in numeric order (items[10] after items[2]) and sends a redaction passage and an end date', () => {
    const values: Record<string, string> = { action: 'decide', version: '1' };
    for (const index of [10, 2]) {
      values[`items[${index}].itemId`] = `id-${index}`;
      values[`items[${index}].action`] = index === 2 ? 'redact' : 'restrict';
      values[`items[${index}].passage`] = 'the words';
      values[`items[${index}].territories`] = 'us';
      values[`items[${index}].until`] = ' 2030-01-31 ';
    }
    expect(transitionBodyOf(values).items).toEqual([
      { itemId: 'id-2', action: 'redact', passage: 'the words' },
      { itemId: 'id-10', action: 'restrict', territories: ['US'], until: '2030-01-31' },
    ]);
  });

  it('sends only the fields an action carries, so the DTO never sees a stray field', () => {
    const common = { version: '2', message: 'Which photo?', reason: 'Court order', assigneeId: '', ground: 'x', _csrf: 'token' };
    expect(transitionBodyOf({ ...common, action: 'request_info' })).toEqual({ action: 'request_info', version: 2, message: 'Which photo?' });
    expect(transitionBodyOf({ ...common, action: 'escalate' })).toEqual({ action: 'escalate', version: 2, reason: 'Court order' });
    expect(transitionBodyOf({ ...common, action: 'mark_unfounded' })).toEqual({ action: 'mark_unfounded', version: 2, reason: 'Court order' });
    expect(transitionBodyOf({ ...common, action: 'release_hold' })).toEqual({ action: 'release_hold', version: 2, reason: 'Court order' });
    expect(transitionBodyOf({ ...common, action: 'assign' })).toEqual({ action: 'assign', version: 2 });
    expect(transitionBodyOf({ ...common, action: 'assign', assigneeId: ITEM_A })).toEqual({ action: 'assign', version: 2, assigneeId: ITEM_A });
    expect(transitionBodyOf({ ...common, action: 'close' })).toEqual({ action: 'close', version: 2 });
  });

  it('maps an appeal decision: the new decision only when reversing; and the clock actions', () => {
    const form = { action: 'decide_appeal', version: '3', answer: 'Upheld.', 'items[0].itemId': 'id-0', 'items[0].action': '', ground: '', reasons: '' };
    expect(transitionBodyOf({ ...form, outcome: 'uphold' })).toEqual({ action: 'decide_appeal', version: 3, outcome: 'uphold', answer: 'Upheld.' });
    expect(transitionBodyOf({ ...form, outcome: 'reverse', 'items[0].action': 'remove', ground: 'copyright_infringement', reasons: 'Licence for print only.' })).toEqual({
      action: 'decide_appeal',
      version: 3,
      outcome: 'reverse',
      answer: 'Upheld.',
      items: [{ itemId: 'id-0', action: 'remove' }],
      ground: 'copyright_infringement',
      reasons: 'Licence for print only.',
    });
    expect(transitionBodyOf({ action: 'extend_gdpr_deadline', version: '2', extensionReasons: 'Complex.', reasons: 'stray' })).toEqual({
      action: 'extend_gdpr_deadline',
      version: 2,
      extensionReasons: 'Complex.',
    });
    expect(transitionBodyOf({ action: 'record_author_contact', version: '2', note: 'Phoned.' })).toEqual({ action: 'record_author_contact', version: 2, note: 'Phoned.' });
    expect(transitionBodyOf({ action: 'record_author_answer', version: '3', authorAnswer: 'defends_statement', note: 'Stands by it.' })).toEqual({
      action: 'record_author_answer',
      version: 3,
      authorAnswer: 'defends_statement',
      note: 'Stands by it.',
    });
  });

  it('maps an approval: the unticked confirmation box as false, an empty comment dropped', () => {
    expect(transitionBodyOf({ action: 'approve', version: '4', comment: '  ' })).toEqual({ action: 'approve', version: 4, confirm: false });
    expect(transitionBodyOf({ action: 'approve', version: '4', confirm: 'true', comment: 'Checked with counsel.' })).toEqual({
      action: 'approve',
      version: 4,
      confirm: true,
      comment: 'Checked with counsel.',
    });
  });

  it('leaves a missing or malformed version for the DTO to refuse with its own message', () => {
    expect(transitionBodyOf({ action: 'close' }).version).toBeUndefined();
    expect(transitionBodyOf({ action: 'close', version: 'two' }).version).toBe('two');
  });

  it('gives a body that DecideDto accepts, and one it refuses field by field', async () => {
    const good = transitionBodyOf({
      action: 'decide',
      version: '1',
      'items[0].itemId': ITEM_A,
      'items[0].action': 'remove',
      ground: 'copyright_infringement',
      reasons: 'Long enough reasons here.',
    });
    expect((await validateAs(DecideDto, good)).errors).toEqual([]);
    const bad = transitionBodyOf({
      action: 'decide',
      version: '1',
      'items[0].itemId': ITEM_A,
      'items[0].action': 'restrict',
      'items[0].territories': 'Germany',
      ground: '',
      reasons: '',
    });
    const fields = (await validateAs(DecideDto, bad)).errors.map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['items[0].territories', 'ground', 'reasons']));
  });

  it('reads the post Fastify gives (strings, repeated names as arrays) back into typed values and what the editor saw', () => {
    const form = readDeskForm({ action: 'decide', version: '4', reasons: ['first', 'second'], seen_status: 'in_review', seen_assignee: '', seen_event: '17', count: 3 });
    expect(form.action).toBe('decide');
    expect(form.values).toEqual({ action: 'decide', version: '4', reasons: 'first', seen_status: 'in_review', seen_assignee: '', seen_event: '17' });
    expect(form.seen).toEqual({ status: 'in_review', assigneeId: null, eventId: '17' });
    expect(readDeskForm(undefined)).toMatchObject({ action: '', values: {} });
  });

  it('splits territories however they are typed', () => {
    expect(splitTerritories(' de,at ; FR\nde ')).toEqual(['DE', 'AT', 'FR']);
    expect(splitTerritories('  ')).toEqual([]);
  });
});

describe('desk forms: the queue filters in the URL', () => {
  it('reads repeated and comma-separated statuses and the other filters, and writes them back', () => {
    const filters = queueFilterValues({ status: ['new', 'in_review,escalated'], type: 'copyright', q: ' doe ', sort: 'due', assignee: ['me'] });
    expect(filters).toEqual({
      status: ['new', 'in_review', 'escalated'],
      type: 'copyright',
      assignee: 'me',
      priority: '',
      overdue: '',
      due: '',
      q: 'doe',
      sort: 'due',
      limit: '',
      cursor: '',
    });
    expect(queueHref(filters)).toBe('/desk?status=new&status=in_review&status=escalated&type=copyright&assignee=me&q=doe&sort=due');
    expect(queueHref(filters, { status: ['new'], cursor: 'abc' })).toBe('/desk?status=new&type=copyright&assignee=me&q=doe&sort=due&cursor=abc');
    expect(queueHref(queueFilterValues({}))).toBe('/desk');
    expect(hasFilters(queueFilterValues({ sort: '-received', limit: '10' }))).toBe(false);
    expect(queueHref(queueFilterValues({ limit: '10', type: 'other' }), { cursor: 'c' })).toBe('/desk?type=other&limit=10&cursor=c');
    expect(hasFilters(filters)).toBe(true);
  });

  it('escapes what it writes into the URL', () => {
    expect(queueHref(queueFilterValues({ q: 'a&b=<c>' }))).toBe('/desk?q=a%26b%3D%3Cc%3E');
  });
});

describe('desk pages: due dates and what changed', () => {
  const now = new Date('2026-03-02T12:00:00Z');

  it('says when a case is due, or by how much it is overdue', () => {
    expect(dueText(new Date('2026-03-04T12:30:00Z'), now)).toEqual({ text: 'due in 2 days', overdue: false });
    expect(dueText('2026-03-02T09:00:00Z', now)).toEqual({ text: 'overdue by 3 h', overdue: true });
    expect(dueText('2026-03-02T12:20:00Z', now)).toEqual({ text: 'due in 20 min', overdue: false });
    expect(dueText(null, now)).toEqual({ text: 'no due date', overdue: false });
    expect(dueText('2026-03-01T00:00:00Z', now, true)).toEqual({ text: 'clock paused', overdue: false });
  });

  it('compares what the editor saw with the current case', () => {
    const detail = {
      status: 'in_review',
      assignee: { id: 'u2', name: 'Lee Legal' },
      timeline: [
        { id: '9', action: 'case.opened' },
        { id: '12', action: 'case.assign' },
        { id: '13', action: 'decision.recorded' },
      ],
    } as never;
    const names = new Map([
      ['u1', 'Erin Editor'],
      ['u2', 'Lee Legal'],
    ]);
    const { summary, events } = changesSince(detail, { status: 'new', assigneeId: 'u1', eventId: '9' }, names);
    expect(summary).toEqual(['The status changed from New to In review.', 'The case was assigned to Lee Legal (before: Erin Editor).', 'A new decision was recorded.']);
    expect(events.map((event: { id: string }) => event.id)).toEqual(['12', '13']);
  });
});
