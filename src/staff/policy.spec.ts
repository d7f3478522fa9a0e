import { can, PERMISSIONS, requireAccess } from './policy';
import { ROLES } from './staff-actor';

describe('policy', () => {
  const expected: Record<string, string[]> = {
    'cases.read': ['editor', 'legal', 'admin'],
    'cases.transition': ['editor', 'legal', 'admin'],
    'cases.note': ['editor', 'legal', 'admin'],
    'cases.assign_others': ['legal', 'admin'],
    'articles.read': ['editor', 'legal', 'admin'],
    'tokens.own': ['editor', 'legal', 'admin'],
    'notifications.own': ['editor', 'legal', 'admin'],
    'users.manage': ['admin'],
    'senders.manage': ['admin'],
    'events.read': ['admin'],
    'messages.read': ['admin'],
    'exports.read': ['legal', 'admin'],
    'evidence.read': ['editor', 'legal', 'admin'],
    'evidence.attach': ['editor', 'legal', 'admin'],
    'misuse.decide': ['legal', 'admin'],
    'strikes.decide': ['legal', 'admin'],
  };

  it('lists every permission', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [permission, roles] of Object.entries(expected)) {
    it.each(ROLES.map((role) => [role]))(`${permission} for %s`, (role) => {
      expect(can({ role }, permission as keyof typeof PERMISSIONS)).toBe(roles.includes(role));
      if (roles.includes(role)) expect(() => requireAccess({ role }, permission as keyof typeof PERMISSIONS)).not.toThrow();
      else expect(() => requireAccess({ role }, permission as keyof typeof PERMISSIONS)).toThrow(/may not/);
    });
  }
});
