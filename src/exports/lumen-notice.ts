import type { NoticeType } from '../notices/completeness';

// A closed notice as a Lumen database notice (berkmancenter/lumendatabase; FORMATS.md), ready
// to share with the archive. The notifier's personal contact details are redacted: the
// entities carry names, kind and country only (Lumen's public records show no more), and an
// e-mail address, telephone number or postal address of the notifier found in the free text
// is replaced with [REDACTED].

export interface LumenSource {
  reference: string;
  status: string;
  type: NoticeType;
  notifier: { name: string | null; email: string | null; organization: string | null; kind: string | null; address: string | null; phone: string | null; country: string | null };
  principalName: string | null;
  workDescription: string | null;
  workOriginalUrls: string[];
  explanation: string | null;
  jurisdiction: string | null;
  language: string | null;
  details: Record<string, unknown>;
  receivedAt: Date;
  items: Array<{ url: string; state: string }>;
  publisherName: string;
}

export interface LumenEntityRole {
  name: 'sender' | 'principal' | 'recipient';
  entity_attributes: { name: string; kind: 'individual' | 'organization'; country_code?: string };
}

export interface LumenNotice {
  type: string;
  title: string;
  subject: string;
  body: string;
  date_sent: string;
  date_received: string;
  language?: string;
  jurisdiction_list?: string;
  tag_list: string;
  mark_registration_number?: string;
  case_id_number: string;
  action_taken: 'Yes' | 'No' | 'Partial' | 'Unspecified';
  works_attributes: Array<{ description: string; kind?: string; infringing_urls_attributes: Array<{ url: string }>; copyrighted_urls_attributes: Array<{ url: string }> }>;
  entity_notice_roles_attributes: LumenEntityRole[];
}

const TYPES: Record<NoticeType, { lumen: string; label: string; kind: string }> = {
  copyright: { lumen: 'DMCA', label: 'Copyright (DMCA) notice', kind: 'copyrighted work' },
  trademark: { lumen: 'Trademark', label: 'Trademark notice', kind: 'trademark' },
  defamation: { lumen: 'Defamation', label: 'Defamation complaint', kind: 'statement complained of' },
  privacy: { lumen: 'DataProtection', label: 'Data protection (erasure) request', kind: 'personal data' },
  other: { lumen: 'Other', label: 'Notice of illegal content', kind: 'other' },
};

const REDACTED = '[REDACTED]';
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Seven or more digits with the usual separators: a telephone number.
const PHONE = /\+?\d[\d ().-]{6,}\d/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Free text with any e-mail address and telephone number removed, and the notifier's own
// address (and each of its lines) too.
export function redactContact(text: string, notifier: LumenSource['notifier']): string {
  let out = text.replace(EMAIL, REDACTED).replace(PHONE, REDACTED);
  const parts = [notifier.address, ...(notifier.address ?? '').split(/[\n,]+/)].map((part) => part?.trim()).filter((part): part is string => !!part && part.length >= 6);
  for (const part of parts.sort((a, b) => b.length - a.length)) out = out.replace(new RegExp(escapeRegExp(part), 'gi'), REDACTED);
  return out;
}

// Yes when every URL in scope was acted on, Partial when some were, No otherwise.
export function actionTaken(items: Array<{ state: string }>): LumenNotice['action_taken'] {
  const decided = items.filter((item) => item.state !== 'out_of_scope' && item.state !== 'pending');
  const acted = decided.filter((item) => ['removed', 'restricted', 'redacted'].includes(item.state));
  if (!decided.length) return 'No';
  if (acted.length === decided.length) return 'Yes';
  return acted.length ? 'Partial' : 'No';
}

export function buildLumenNotice(source: LumenSource): LumenNotice {
  const type = TYPES[source.type];
  const day = source.receivedAt.toISOString().slice(0, 10);
  const redact = (text: string | null) => (text ? redactContact(text, source.notifier) : '');
  const senderName = source.notifier.organization ?? source.notifier.name ?? 'Unnamed sender';
  const country = source.notifier.country ? { country_code: source.notifier.country } : {};
  const roles: LumenEntityRole[] = [
    { name: 'sender', entity_attributes: { name: senderName, kind: source.notifier.organization ? 'organization' : 'individual', ...country } },
    ...(source.principalName ? [{ name: 'principal' as const, entity_attributes: { name: source.principalName, kind: 'organization' as const } }] : []),
    { name: 'recipient', entity_attributes: { name: source.publisherName, kind: 'organization' } },
  ];
  const registration = typeof source.details.registrationNumber === 'string' ? source.details.registrationNumber : null;
  return {
    type: type.lumen,
    title: `${type.label} to ${source.publisherName} (${source.reference})`,
    subject: type.label,
    body: redact(source.explanation),
    date_sent: day,
    date_received: day,
    ...(source.language ? { language: source.language } : {}),
    ...(source.jurisdiction ? { jurisdiction_list: source.jurisdiction } : {}),
    tag_list: `takedown-desk, ${source.type}, ${source.status}`,
    ...(source.type === 'trademark' && registration ? { mark_registration_number: registration } : {}),
    case_id_number: source.reference,
    action_taken: actionTaken(source.items),
    works_attributes: [
      {
        description: redact(source.workDescription ?? (typeof source.details.mark === 'string' ? source.details.mark : null)) || type.kind,
        kind: type.kind,
        infringing_urls_attributes: source.items.map((item) => ({ url: item.url })),
        copyrighted_urls_attributes: source.workOriginalUrls.map((url) => ({ url })),
      },
    ],
    entity_notice_roles_attributes: roles,
  };
}
