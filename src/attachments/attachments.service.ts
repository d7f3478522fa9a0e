import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { notifierMay } from '../cases/case-workflow';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { DeskConfig } from '../config/desk-config';
import { Database } from '../database/database.service';
import type { Actor } from '../events/event.repository';
import { TrackingService } from '../notices/tracking.service';
import { CsrfTokens } from '../staff/csrf';
import { requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { AttachmentUploader, Attachment } from './attachment.entity';
import { AttachmentView, toAttachmentView } from './attachment-view';
import { discard, ReceivedFile } from './attachment-intake';
import { receiveParts } from './attachment-parts';
import { AttachmentRepository } from './attachment.repository';
import { AttachmentErrors, MAX_ATTACHMENTS_PER_NOTICE, safeFileName } from './attachment-rules';
import { AttachmentStore, LocalAttachmentStore } from './attachment-store';
import type { NoticePhoto } from './article-media';

export interface EvidenceView {
  attachments: AttachmentView[];
  photos: NoticePhoto[];
}

export interface AttachmentFile {
  stream: Readable;
  fileName: string;
  mediaType: string;
  sizeBytes: number | null;
}

interface UploadTarget {
  caseId: string;
  reference: string;
  uploader: AttachmentUploader;
  actor: Actor;
}

// Temporary files older than this are left over from a crash: swept at start-up.
const STALE_INCOMING_MS = 60 * 60 * 1000;

// Evidence on a case: received as a stream, checked, stored, then recorded (with its
// SHA-256 in the event log) in one transaction; served to staff only.
@Injectable()
export class AttachmentsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AttachmentsService.name);
  store: AttachmentStore;
  private readonly tempDir: string;

  constructor(
    private readonly db: Database,
    private readonly config: DeskConfig,
    private readonly tracking: TrackingService,
    private readonly csrf: CsrfTokens,
  ) {
    const root = path.join(config.dataDir, 'attachments');
    this.tempDir = path.join(root, '.incoming');
    this.store = new LocalAttachmentStore(root);
  }

  async onModuleInit(): Promise<void> {
    if (this.config.attachmentsS3) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { S3AttachmentStore } = require('./s3-attachment-store') as typeof import('./s3-attachment-store');
      this.store = new S3AttachmentStore(this.config.attachmentsS3);
    }
    await fs.mkdir(this.tempDir, { recursive: true, mode: 0o700 });
    const now = Date.now();
    for (const name of await fs.readdir(this.tempDir)) {
      const file = path.join(this.tempDir, name);
      const stat = await fs.stat(file).catch(() => null);
      if (stat && now - stat.mtimeMs > STALE_INCOMING_MS) await fs.rm(file, { force: true });
    }
  }

  onModuleDestroy(): void {
    this.store.destroy?.();
  }

  async uploadAsStaff(actor: StaffActor, reference: string, request: FastifyRequest, meta: RequestMeta, { csrfInForm = false } = {}): Promise<AttachmentView[]> {
    requireAccess(actor, 'evidence.attach');
    const filed = await this.db.repos.cases.findByReference(reference);
    if (!filed) throw DeskError.notFound(`There is no case ${reference}.`);
    const checkCsrf = csrfInForm ? (token: unknown) => this.csrf.checkSession(actor.credentialId, token) : undefined;
    const target: UploadTarget = { caseId: filed.id, reference: filed.reference, uploader: 'staff', actor: { type: 'staff', id: actor.id, role: actor.role } };
    return (await this.upload(target, request, meta, checkCsrf)).map(toAttachmentView);
  }

  // The notifier, through the tracking link, while the case is open.
  async uploadAsNotifier(token: string, request: FastifyRequest, meta: RequestMeta): Promise<AttachmentView[]> {
    const { notice, filed } = await this.tracking.resolve(token);
    if (!notifierMay('attach_evidence', filed.status)) throw AttachmentErrors.closed();
    const target: UploadTarget = { caseId: filed.id, reference: filed.reference, uploader: 'notifier', actor: { type: 'notifier', id: notice.notifierId } };
    return (await this.upload(target, request, meta)).map(toAttachmentView);
  }

  async listForCase(actor: StaffActor, reference: string): Promise<AttachmentView[]> {
    requireAccess(actor, 'evidence.read');
    const filed = await this.db.repos.cases.findByReference(reference);
    if (!filed) throw DeskError.notFound(`There is no case ${reference}.`);
    return (await this.repository().findForCase(filed.id)).map(toAttachmentView);
  }

  async download(actor: StaffActor, id: string, meta: RequestMeta): Promise<AttachmentFile> {
    requireAccess(actor, 'evidence.read');
    const found = await this.find(id);
    const stream = await this.store.get(found.storageKey);
    if (!stream) throw new DeskError(410, 'attachment_missing', 'File missing', 'The stored file could not be found. Tell an administrator.');
    await this.db.repos.events.append({
      actor: { type: 'staff', id: actor.id, role: actor.role },
      action: 'attachment.downloaded',
      subject: { type: 'attachment', id: found.id },
      caseId: found.caseId,
      caseReference: found.caseReference,
      data: { fileName: found.fileName, sha256: found.sha256 },
      visibility: 'internal',
      requestId: meta.requestId,
      clientNetwork: meta.network,
    });
    return { stream, fileName: found.fileName, mediaType: found.mediaType, sizeBytes: found.sizeBytes };
  }

  async preview(actor: StaffActor, id: string): Promise<AttachmentFile> {
    requireAccess(actor, 'evidence.read');
    const found = await this.find(id);
    const stream = found.previewKey ? await this.store.get(found.previewKey) : null;
    if (!stream) throw DeskError.notFound('This file has no preview.');
    return { stream, fileName: found.fileName.replace(/\.[a-z]+$/, '.preview.webp'), mediaType: 'image/webp', sizeBytes: null };
  }

  private async find(id: string) {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await this.repository().findWithCase(id) : null;
    if (!found) throw DeskError.notFound('There is no such attachment.');
    return found;
  }

  private repository(): AttachmentRepository {
    return new AttachmentRepository(this.db.repos.manager);
  }

  private async upload(target: UploadTarget, request: FastifyRequest, meta: RequestMeta, checkCsrf?: (token: unknown) => Promise<boolean>): Promise<Attachment[]> {
    // Counted again under the case lock; this early look refuses an 11th file unread.
    const room = MAX_ATTACHMENTS_PER_NOTICE - (await this.repository().countForCase(target.caseId));
    if (room <= 0) {
      request.raw.resume();
      throw AttachmentErrors.tooMany();
    }
    const { files, description } = await receiveParts(request, { room, tempDir: this.tempDir, checkCsrf });
    try {
      return await this.commit(target, files, description, meta);
    } finally {
      await discard(...files.flatMap((file) => [file.tempPath, file.previewPath]));
    }
  }

  // Files first, then the rows and events in one transaction; a refused transaction takes
  // the stored files away again, so a failed upload leaves neither.
  private async commit(target: UploadTarget, files: ReceivedFile[], description: string | null, meta: RequestMeta): Promise<Attachment[]> {
    const rows = files.map((file) => {
      const id = randomUUID();
      const storageKey = `cases/${target.caseId}/${id}`;
      return {
        file,
        row: {
          id,
          caseId: target.caseId,
          uploadedByType: target.uploader,
          uploadedBy: target.uploader === 'staff' ? target.actor.id : null,
          fileName: safeFileName(file.fileName, file.mediaType),
          mediaType: file.mediaType,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          storageKey,
          previewKey: file.previewPath ? `${storageKey}.preview.webp` : null,
          description,
        },
      };
    });
    const stored: string[] = [];
    try {
      for (const { file, row } of rows) {
        await this.store.put(row.storageKey, file.tempPath, file.sizeBytes, file.mediaType);
        stored.push(row.storageKey);
        if (file.previewPath && row.previewKey) {
          const { size } = await fs.stat(file.previewPath);
          await this.store.put(row.previewKey, file.previewPath, size, 'image/webp');
          stored.push(row.previewKey);
        }
      }
      return await this.db.transaction(async (tx) => {
        const repository = new AttachmentRepository(tx.manager);
        await repository.lockCase(target.caseId);
        if ((await repository.countForCase(target.caseId)) + rows.length > MAX_ATTACHMENTS_PER_NOTICE) throw AttachmentErrors.tooMany();
        const inserted = await repository.insert(rows.map(({ row }) => row));
        await tx.events.append(
          ...inserted.map((attachment) => ({
            actor: target.actor,
            action: 'attachment.added' as const,
            subject: { type: 'attachment', id: attachment.id },
            caseId: target.caseId,
            caseReference: target.reference,
            data: { fileName: attachment.fileName, mediaType: attachment.mediaType, sizeBytes: attachment.sizeBytes, sha256: attachment.sha256, description },
            visibility: target.uploader === 'notifier' ? ('notifier' as const) : ('internal' as const),
            requestId: meta.requestId,
            clientNetwork: meta.network,
          })),
        );
        return inserted;
      });
    } catch (error) {
      await Promise.all(
        stored.map((key) => this.store.delete(key).catch((cause: unknown) => this.logger.error({ msg: 'could not remove a stored file', key, cause: String(cause) }))),
      );
      throw error;
    }
  }
}
