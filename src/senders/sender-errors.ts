import { DeskError } from '../common/desk-error';

// The sender feature's errors, with stable codes; ProblemFilter maps them to HTTP.
export const SenderErrors = {
  keyInvalid: () => new DeskError(401, 'sender_key_invalid', 'Sender key not valid', 'This sender key is unknown, revoked or expired. Ask the publisher for a new one.'),
  organisationSuspended: (until: Date | null) =>
    new DeskError(
      403,
      'sender_suspended',
      'Sender organisation suspended',
      until
        ? `The organisation this key belongs to is suspended until ${until.toISOString()}: its keys file nothing until then. Ask the publisher.`
        : 'The organisation this key belongs to is suspended until further notice: its keys file nothing. Ask the publisher.',
      [],
      { suspendedUntil: until?.toISOString() ?? null },
    ),
  organisationClosed: () =>
    new DeskError(403, 'sender_closed', 'Sender organisation closed', 'The organisation this key belongs to is closed: its keys file nothing any more. Ask the publisher.'),
  versionConflict: (current: number) =>
    DeskError.conflict('stale_version', 'Someone changed this organisation since you read it: load it again and repeat your change.', { currentVersion: current }),
  typeNotAllowed: (type: string, allowed: string[], field = 'type') =>
    new DeskError(403, 'notice_type_not_allowed', 'Notice type not allowed for this key', `This key may file ${allowed.join(', ')} notices, not ${type}.`, [
      { field, message: `This key may not file ${type} notices (allowed: ${allowed.join(', ')}).` },
    ]),
  nameTaken: () =>
    new DeskError(409, 'sender_name_taken', 'Conflict', 'An organisation with this name is already registered.', [{ field: 'name', message: 'Already registered.' }]),
  notFound: () => DeskError.notFound('There is no such sender organisation.'),
  keyNotFound: () => DeskError.notFound('There is no such sender key.'),
  senderKeyRequired: () => new DeskError(401, 'sender_key_required', 'Sender key required', 'Batch filing is for sender organisations: send `Authorization: Bearer tds_…`.'),
};
