import { WITHHELD_LINK } from './receipt-message';

// A stored message keeps a stand-in where the sent text has a secret link (only the link's
// hash is kept; the link itself waits sealed in the outbox row until it is sent).
export const WITHHELD_SET_PASSWORD_LINK = '[one-time link: sent to you only; not kept in our records]';
export const WITHHELD_RESPOND_LINK = '[private response link: sent to you by e-mail; not kept in our records]';

const PLACEHOLDERS = [WITHHELD_LINK, WITHHELD_SET_PASSWORD_LINK, WITHHELD_RESPOND_LINK];

// The stand-in and whatever URL prefix stands right before it.
export const WITHHELD = new RegExp(`\\S*(?:${PLACEHOLDERS.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`);
