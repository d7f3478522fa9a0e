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

  it('serves the documentation page', async () => {
    const response = await fetch(`${t.baseUrl}/api/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });
});
