import type { MissingElement } from '../notices/completeness';
import { hasText } from '../notices/completeness';

// A counter-notice as filed (DMCA §512(g)(3)); every element may be missing: it is
// stored, and the author is told what to add (like notices, completeness.ts).
export interface CounterNoticeFiling {
  signature?: string | null;
  material?: { description?: string | null; location?: string | null } | null;
  statements?: { mistake?: boolean | null; jurisdiction?: boolean | null; service?: boolean | null } | null;
  subscriber?: { name?: string | null; address?: string | null; phone?: string | null; email?: string | null; country?: string | null } | null;
}

export interface CounterNoticeCheck {
  complete: boolean;
  missing: MissingElement[];
}

interface Element {
  code: string;
  field: string;
  message: string;
  isPresent: (filing: CounterNoticeFiling) => boolean;
}

// The sworn texts the form shows; what the author accepts is kept with the filing.
export const COUNTER_NOTICE_STATEMENTS = {
  mistake:
    'I swear, under penalty of perjury, that I have a good faith belief that the material was removed or disabled as a result of mistake or misidentification of the material to be removed or disabled.',
  jurisdiction:
    'I consent to the jurisdiction of the Federal District Court for the judicial district in which my address is located (or, if my address is outside the United States, any judicial district in which the publisher may be found).',
  service: 'I will accept service of process from the person who provided the notice, or an agent of that person.',
} as const;

const ELEMENTS: Element[] = [
  { code: 'signature', field: 'signature', message: '(A) Sign the counter-notice: type your full name.', isPresent: (f) => hasText(f.signature) },
  {
    code: 'material_description',
    field: 'material.description',
    message: '(B) Identify the material that was removed.',
    isPresent: (f) => hasText(f.material?.description),
  },
  {
    code: 'material_location',
    field: 'material.location',
    message: '(B) Say where the material appeared before it was removed (its web address).',
    isPresent: (f) => hasText(f.material?.location),
  },
  { code: 'mistake_statement', field: 'statements.mistake', message: `(C) ${COUNTER_NOTICE_STATEMENTS.mistake}`, isPresent: (f) => f.statements?.mistake === true },
  { code: 'name', field: 'subscriber.name', message: '(D) Give your name.', isPresent: (f) => hasText(f.subscriber?.name) },
  { code: 'address', field: 'subscriber.address', message: '(D) Give your postal address.', isPresent: (f) => hasText(f.subscriber?.address) },
  { code: 'phone', field: 'subscriber.phone', message: '(D) Give your telephone number.', isPresent: (f) => hasText(f.subscriber?.phone) },
  {
    code: 'jurisdiction_consent',
    field: 'statements.jurisdiction',
    message: `(D) ${COUNTER_NOTICE_STATEMENTS.jurisdiction}`,
    isPresent: (f) => f.statements?.jurisdiction === true,
  },
  { code: 'service_acceptance', field: 'statements.service', message: `(D) ${COUNTER_NOTICE_STATEMENTS.service}`, isPresent: (f) => f.statements?.service === true },
];

export function checkCounterNotice(filing: CounterNoticeFiling): CounterNoticeCheck {
  const missing = ELEMENTS.filter((element) => !element.isPresent(filing)).map(({ code, field, message }) => ({ code, field, message }));
  return { complete: missing.length === 0, missing };
}
