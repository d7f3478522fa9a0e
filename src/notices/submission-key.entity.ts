import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

// One row per accepted submission that carried an Idempotency-Key (API) or a one-time
// form token (web form): a replay from the same caller returns the first answer instead of
// filing again. Another caller's use of the same key is another row.
@Entity('submission_keys')
export class SubmissionKey {
  // SHA-256 of "<channel>:<key>".
  @PrimaryColumn('bytea', { name: 'key_hash' })
  keyHash: Buffer;

  // Whose key it is (see submissionScope in notices.service.ts): `staff:<user id>`,
  // `anonymous:<SHA-256 of the body and e-mail>`, or `form` (the desk's own one-time nonces).
  @PrimaryColumn('text')
  scope: string;

  // SHA-256 of the request body, so that the same key with another body is refused.
  @Column('bytea', { name: 'request_hash' })
  requestHash: Buffer;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
