import { DeskError, FieldError } from '../common/desk-error';
import { validateAs } from '../common/validation';
import { FileNoticeDto } from '../notices/dto/file-notice.dto';
import type { FilingSender } from '../notices/notices.service';
import { lumenField, mapLumenNotice } from './lumen-in';
import { SenderErrors } from './sender-errors';
import type { SenderCaller } from './sender-key-guard';

export const LUMEN_CONTENT_TYPE = 'application/vnd.lumen+json';

type Plain = Record<string, unknown>;

// How a request body becomes a validated filing: a desk notice (FileNoticeDto), or a Lumen
// notice (Content-Type application/vnd.lumen+json, or `{ "notice": … }` from a sender key).
// A sender key's notice may leave out the notifier: the organisation files it. A key files
// only the types it allows. Throws a 422 (or 403) problem naming each bad field.
export async function filingFromBody(body: unknown, contentType: string | undefined, sender: SenderCaller | undefined, now = new Date()): Promise<FileNoticeDto> {
  const plain = (body ?? {}) as Plain;
  const lumen = isLumenType(contentType) || (sender !== undefined && Object.keys(plain).length === 1 && 'notice' in plain);
  let notice: Plain = plain;
  let rename = (field: string) => field;
  if (lumen) {
    const source = Object.keys(plain).length === 1 && 'notice' in plain ? plain.notice : plain;
    const mapped = mapLumenNotice(source, now, source === plain ? '' : 'notice');
    if (!mapped.ok) throw DeskError.validation(mapped.errors.map(trimBase), 'The Lumen notice has fields that cannot be mapped or are invalid.');
    notice = mapped.mapping.notice;
    rename = (field) => trimBase({ field: lumenField(field, mapped.mapping.paths), message: '' }).field;
  }
  if (sender) notice = withOrganisationNotifier(notice, sender);
  const { value, errors } = await validateAs(FileNoticeDto, notice);
  if (errors.length) throw DeskError.validation(errors.map((error: FieldError) => ({ field: rename(error.field), message: error.message })));
  if (sender && !sender.key.allowedTypes.includes(value.type)) {
    throw SenderErrors.typeNotAllowed(value.type, sender.key.allowedTypes, rename('type'));
  }
  return value;
}

function isLumenType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === LUMEN_CONTENT_TYPE;
}

// A bare Lumen notice (no `notice` wrapper) names its fields from the top.
function trimBase(error: FieldError): FieldError {
  return { ...error, field: error.field.replace(/^\./, '') };
}

// The organisation is the notifier when the notice names none; a notice that names one
// keeps it, with the organisation filled in where it says nothing.
function withOrganisationNotifier(notice: Plain, sender: SenderCaller): Plain {
  const { organisation } = sender;
  if (notice.notifier === undefined) {
    return {
      ...notice,
      notifier: {
        name: organisation.contactName ?? organisation.name,
        email: organisation.contactEmail,
        organization: organisation.name,
        kind: 'agent',
        ...(organisation.contactAddress ? { address: organisation.contactAddress } : {}),
        ...(organisation.contactPhone ? { phone: organisation.contactPhone } : {}),
      },
    };
  }
  const given = notice.notifier;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return notice;
  return { ...notice, notifier: { organization: organisation.name, ...given } };
}

// What the filing records of the key: its id, the priority lane for trusted flaggers, and
// the end of a misuse suspension of the whole organisation (its filings are then held).
export function filingSenderOf(sender: SenderCaller): FilingSender {
  return {
    keyId: sender.key.id,
    priority: sender.organisation.kind === 'trusted_flagger' ? 'high' : 'normal',
    misuseSuspendedUntil: sender.organisation.misuseSuspendedUntil ?? null,
  };
}
