import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Case } from '../cases/case.entity';
import { User } from '../staff/user.entity';

export type AttachmentUploader = 'notifier' | 'staff';

// Evidence attached to a case: the bytes live in the attachment store (DESK_DATA_DIR or
// S3), the row names them. A row exists only once its file is stored.
@Entity('attachments')
@Index('idx_attachments_case', ['caseId', 'createdAt'])
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => Case)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_attachments_case' })
  case: Relation<Case>;

  @Column('text', { name: 'uploaded_by_type' })
  uploadedByType: AttachmentUploader;

  // The staff member who attached it (null for the notifier).
  @Column('uuid', { name: 'uploaded_by', nullable: true })
  uploadedBy: string | null;

  @ManyToOne(() => User, { nullable: true })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'fk_attachments_uploaded_by' })
  uploader: Relation<User> | null;

  // The name the file had on the sender's machine: shown and offered on download, never
  // trusted for its type.
  @Column('text', { name: 'file_name' })
  fileName: string;

  // Sniffed from the content (file-type).
  @Column('text', { name: 'media_type' })
  mediaType: string;

  @Column('integer', { name: 'size_bytes' })
  sizeBytes: number;

  // Hex SHA-256 of the stored bytes (also in the event log).
  @Column('text')
  sha256: string;

  @Column('text', { name: 'storage_key' })
  storageKey: string;

  // A small WebP made with sharp, for images only.
  @Column('text', { name: 'preview_key', nullable: true })
  previewKey: string | null;

  @Column('text', { nullable: true })
  description: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
