export const ROLES = ['editor', 'legal', 'admin'] as const;
export type Role = (typeof ROLES)[number];

// Who is acting on a staff route: resolved by the auth guard from the session cookie or
// an `Authorization: Bearer` token (a login token or a personal API token).
export interface StaffActor {
  id: string;
  email: string;
  name: string;
  role: Role;
  auth: 'session' | 'token';
  // The session or API token that authenticated the request.
  credentialId: string;
  // Until it is changed, only the password change and signing out are open (first start).
  mustChangePassword: boolean;
  // Signed in with a session (the pages): unread notifications, for the page header.
  unreadNotifications?: number;
}
