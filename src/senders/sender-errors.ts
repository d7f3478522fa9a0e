import { DeskError } from '../common/desk-error';

// The sender feature's errors, with stable codes; ProblemFilter maps them to HTTP.
export const SenderErrors = {
  keyInvalid: () => new DeskError(401, 'sender_key_invalid', 'Sender key not valid', 'This sender key is unknown, revoked or expired. Ask the publisher for a new one.'),
  organisationInactive: () =>
    new DeskError(403, 'sender_inactive', 'Sender organisation inactive', 'The organisation this key belongs to is inactive: its keys file nothing. Ask the publisher.'),
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
