import { startTestApp, TestApp } from './support/test-app';

describe('OpenAPI document', () => {
  let t: TestApp;
  let document: any;

  beforeAll(async () => {
    t = await startTestApp();
    document = await (await fetch(`${t.baseUrl}/api/docs/openapi.json`)).json();
  });
  afterAll(() => t.close());

  it('describes every field of a notice', () => {
    const schemas = document.components.schemas;
    expect(Object.keys(schemas.FileNoticeDto.properties).sort()).toEqual(
      ['details', 'explanation', 'items', 'jurisdiction', 'language', 'notifier', 'principal', 'signature', 'statements', 'type', 'work'].sort(),
    );
    expect(Object.keys(schemas.NotifierDto.properties).sort()).toEqual(['address', 'country', 'email', 'kind', 'name', 'organization', 'phone'].sort());
    expect(schemas.NoticeItemDto.required).toEqual(['url']);
    expect(schemas.FileNoticeDto.properties.type.enum).toEqual(['copyright', 'trademark', 'defamation', 'privacy', 'other']);
  });

  it('describes the answers and every error of filing', () => {
    const responses = document.paths['/api/v1/notices'].post.responses;
    expect(Object.keys(responses).sort()).toEqual(['200', '201', '400', '401', '403', '413', '415', '422', '429']);
    expect(responses['422'].content['application/json'].schema.$ref).toBe('#/components/schemas/ProblemDto');
    expect(responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/FilingResponseDto');
  });

  it('describes the sender routes and batch filing', () => {
    const paths = Object.keys(document.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/senders', '/api/v1/senders/{id}', '/api/v1/senders/{id}/keys', '/api/v1/sender-keys/{id}']));
    const batch = paths.find((path) => path.startsWith('/api/v1/notices:'));
    expect(batch).toBe('/api/v1/notices:batch');
    expect(Object.keys(document.paths[batch!].post.responses).sort()).toEqual(['207', '401', '403', '422', '429']);
    expect(document.components.schemas.CreateSenderDto.properties.kind.enum).toEqual(['trusted_flagger', 'agency', 'law_firm', 'other']);
  });

  it('describes changing a sender organisation, with the version it was read at', () => {
    const patch = document.paths['/api/v1/senders/{id}'].patch;
    expect(Object.keys(patch.responses).sort()).toEqual(['200', '401', '403', '404', '409', '422']);
    const update = document.components.schemas.UpdateSenderDto;
    expect(update.required).toEqual(['version']);
    expect(Object.keys(update.properties).sort()).toEqual(
      ['contactAddress', 'contactEmail', 'contactName', 'contactPhone', 'kind', 'name', 'rateLimitPerMinute', 'status', 'suspendedUntil', 'version'].sort(),
    );
    expect(update.properties.status.enum).toEqual(['active', 'suspended', 'closed']);
    const sender = document.components.schemas.SenderDto.properties;
    expect(Object.keys(sender)).toEqual(expect.arrayContaining(['version', 'suspendedUntil', 'misuseSuspendedUntil']));
    // Shared with staff API tokens: the record of an issued credential.
    for (const record of ['SenderKeyDto', 'ApiTokenDto']) {
      expect(Object.keys(document.components.schemas[record].properties)).toEqual(expect.arrayContaining(['id', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt']));
    }
  });

  it('describes bulk actions on cases', () => {
    const bulk = document.paths['/api/v1/cases:bulk'].post;
    expect(Object.keys(bulk.responses).sort()).toEqual(['207', '401', '403', '422']);
    expect(bulk.responses['207'].content['application/json'].schema.$ref).toBe('#/components/schemas/BulkResponseDto');
    const schemas = document.components.schemas;
    expect(schemas.BulkActionDto.properties.action.enum).toEqual(['assign', 'escalate', 'close_duplicate', 'note']);
    expect(Object.keys(schemas.BulkActionDto.properties).sort()).toEqual(['action', 'assigneeId', 'cases', 'duplicateOf', 'note', 'reason']);
    expect(schemas.BulkCaseDto.required).toEqual(['reference', 'version']);
  });

  it('describes evidence uploads as multipart, with each refusal', () => {
    for (const path of ['/api/v1/cases/{reference}/attachments', '/api/v1/track/{token}/attachments']) {
      const upload = document.paths[path].post;
      expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
      expect(upload.requestBody.content['multipart/form-data'].schema.required).toEqual(['file']);
      expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['201', '400', '413', '415', '422']));
      expect(upload.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/AttachmentListDto');
    }
    expect(document.paths['/api/v1/attachments/{id}/file'].get.responses['200'].description).toMatch(/Content-Disposition: attachment/);
    expect(document.paths['/api/v1/attachments/{id}/preview'].get).toBeDefined();
  });

  it('describes the notification routes', () => {
    const list = document.paths['/api/v1/notifications'].get;
    expect(list.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual(['limit', 'page', 'unread']);
    expect(list.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/NotificationPageDto');
    const read = document.paths['/api/v1/notifications/read'].post;
    expect(Object.keys(read.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '422']));
    expect(Object.keys(document.components.schemas.MarkReadDto.properties).sort()).toEqual(['all', 'ids']);
    expect(document.components.schemas.NotificationDto.properties.kind.enum).toEqual(['assigned', 'approval_needed', 'notifier_answered', 'clock_due']);
  });

  it('serves the documentation page', async () => {
    const response = await fetch(`${t.baseUrl}/api/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });
});
