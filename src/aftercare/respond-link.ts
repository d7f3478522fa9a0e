import { newSecretToken, sha256 } from '../common/crypto';
import type { Repositories } from '../database/database.service';

// A private response link for the author of a contributed article: 256 random bits, of
// which only the SHA-256 is stored. The link itself goes out once, in the statement of reasons.
export async function issueRespondLink(tx: Repositories, caseId: string, articleId: string, publicBaseUrl: string): Promise<string> {
  const token = newSecretToken();
  await tx.aftercare.insertRespondLink({ caseId, articleId, tokenHash: sha256(token) });
  return `${publicBaseUrl}/respond/${token}`;
}

export { WITHHELD_RESPOND_LINK } from '../messages/withheld-links';
