import { DeskError } from '../common/desk-error';
import type { Role, StaffActor } from './staff-actor';

// Who may do what, in one place (STYLE.md 6). Workflow transitions also name their roles
// in the transition table (src/cases/case-workflow.ts); this module gates the rest.
export const PERMISSIONS = {
  'cases.read': ['editor', 'legal', 'admin'],
  'cases.transition': ['editor', 'legal', 'admin'],
  'cases.note': ['editor', 'legal', 'admin'],
  'cases.assign_others': ['legal', 'admin'],
  'evidence.read': ['editor', 'legal', 'admin'],
  'evidence.attach': ['editor', 'legal', 'admin'],
  'articles.read': ['editor', 'legal', 'admin'],
  'tokens.own': ['editor', 'legal', 'admin'],
  // One's own notifications (src/notifications): each person sees only theirs.
  'notifications.own': ['editor', 'legal', 'admin'],
  'users.manage': ['admin'],
  'senders.manage': ['admin'],
  'events.read': ['admin'],
  'messages.read': ['admin'],
  // Exports for outside bodies (DSA statements of reasons, Lumen notices): src/exports.
  'exports.read': ['legal', 'admin'],
  // Misuse suspensions (DSA Art. 23) and contributor accounts (DMCA §512(i)) are legal's call.
  'misuse.decide': ['legal', 'admin'],
  'strikes.decide': ['legal', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Pick<StaffActor, 'role'>, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function requireAccess(actor: Pick<StaffActor, 'role'>, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new DeskError(403, 'forbidden', 'Not allowed', `Your role (${actor.role}) may not do this.`);
  }
}
