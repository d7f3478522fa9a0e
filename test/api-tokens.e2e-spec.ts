import { bearer, createStaff, expectProblem, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

// API tokens never outlive or outrank the credential that made them; deactivation ends
// them for good; admins see and revoke anyone's.
describe('API token limits', () => {
  let t: TestApp;
  let editor: StaffMember;
  let admin: StaffMember;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await createStaff(t, 'editor');
    admin = await createStaff(t, 'admin');
  });
  afterAll(() => t.close());

  const api = (method: string, url: string, token: string, body?: unknown) =>
    fetch(`${t.baseUrl}${url}`, {
      method,
      headers: { ...bearer(token), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const createToken = async (by: string, body: Record<string, unknown>) => {
    const response = await api('POST', '/api/v1/tokens', by, body);
    expect(response.status).toBe(201);
    return response.json();
  };
  const works = async (token: string) => (await api('GET', '/api/v1/auth/me', token)).status === 200;
  const events = async (action: string, subjectId: string) =>
    (await t.db.pool.query(`SELECT * FROM events WHERE action = $1 AND subject_id = $2 ORDER BY id`, [action, subjectId])).rows;

  it('refuses to let a token create tokens unless it was made with that right (it made an unexpiring one that outlived it)', async () => {
    const parent = await createToken(editor.token, { name: 'one day', expiresInDays: 1 });
    expect(parent.canCreateTokens).toBe(false);
    const response = await api('POST', '/api/v1/tokens', parent.token, { name: 'forever' });
    const problem = await expectProblem(response, 403);
    expect(problem.code).toBe('token_cannot_create_tokens');
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM api_tokens WHERE user_id = $1`, [editor.id]);
    expect(rows[0].n).toBe(1);
  });

  it('caps a child token at its parent’s expiry, records who made it, and revokes it with its parent (at any depth)', async () => {
    const parent = await createToken(editor.token, { name: 'deployer', expiresInDays: 1, canCreateTokens: true });
    const child = await createToken(parent.token, { name: 'child', canCreateTokens: true });
    expect(child).toMatchObject({ expiresAt: parent.expiresAt, parentTokenId: parent.id, canCreateTokens: true });
    const longer = await createToken(parent.token, { name: 'asks for longer', expiresInDays: 300 });
    expect(longer.expiresAt).toBe(parent.expiresAt);
    const grandchild = await createToken(child.token, { name: 'grandchild' });
    expect(grandchild).toMatchObject({ expiresAt: parent.expiresAt, parentTokenId: child.id, canCreateTokens: false });

    const { rows } = await t.db.pool.query(`SELECT id, created_by_session_id, parent_token_id FROM api_tokens WHERE id = ANY($1) ORDER BY created_at`, [[parent.id, child.id]]);
    expect(rows).toEqual([
      { id: parent.id, created_by_session_id: expect.any(String), parent_token_id: null },
      { id: child.id, created_by_session_id: null, parent_token_id: parent.id },
    ]);
    expect((await events('token.created', child.id))[0].data.createdBy).toEqual({ type: 'api_token', id: parent.id });

    expect((await api('DELETE', `/api/v1/tokens/${parent.id}`, editor.token)).status).toBe(204);
    for (const token of [parent, child, longer, grandchild]) expect(await works(token.token)).toBe(false);
    expect((await events('token.revoked', grandchild.id))[0].data).toMatchObject({ reason: 'parent_revoked', revokedWith: parent.id });
  });

  it('ends a deactivated user’s tokens for good: reactivation does not revive them', async () => {
    const member = await createStaff(t, 'legal');
    const script = await createToken(member.token, { name: 'script' });
    const patch = (active: boolean) => api('PATCH', `/api/v1/users/${member.id}`, admin.token, { active });
    expect((await patch(false)).status).toBe(200);
    expect((await patch(true)).status).toBe(200);
    expect(await works(script.token)).toBe(false);
    const { rows } = await t.db.pool.query(`SELECT revoked_at FROM api_tokens WHERE id = $1`, [script.id]);
    expect(rows[0].revoked_at).toBeInstanceOf(Date);
    const deactivated = await t.db.pool.query(`SELECT data FROM events WHERE action = 'user.deactivated' AND subject_id = $1`, [member.id]);
    expect(deactivated.rows[0].data).toMatchObject({ tokensRevoked: 1 });
  });

  it('lets an admin list and revoke anyone’s tokens, and nobody else', async () => {
    const script = await createToken(editor.token, { name: 'leaked script' });
    const listed = await api('GET', `/api/v1/users/${editor.id}/tokens`, admin.token);
    expect(listed.status).toBe(200);
    const list = await listed.json();
    expect(list).toContainEqual(expect.objectContaining({ id: script.id, name: 'leaked script', revokedAt: null }));
    expect(JSON.stringify(list)).not.toContain(script.token);
    await expectProblem(await api('GET', `/api/v1/users/${editor.id}/tokens`, editor.token), 403);
    await expectProblem(await api('GET', `/api/v1/users/00000000-0000-4000-8000-000000000000/tokens`, admin.token), 404);

    // Another non-admin learns nothing: "not found".
    const legal = await createStaff(t, 'legal');
    await expectProblem(await api('DELETE', `/api/v1/tokens/${script.id}`, legal.token), 404);
    expect(await works(script.token)).toBe(true);

    expect((await api('DELETE', `/api/v1/tokens/${script.id}`, admin.token)).status).toBe(204);
    expect(await works(script.token)).toBe(false);
    expect((await events('token.revoked', script.id))[0]).toMatchObject({ actor_id: admin.id, data: expect.objectContaining({ ownerId: editor.id }) });
  });
});
