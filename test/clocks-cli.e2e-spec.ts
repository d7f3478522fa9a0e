import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// `npm run desk -- clocks:compute …` as an operator runs it: the built CLI, a real process,
// no database (the data directory it would use is never created).
describe('npm run desk -- clocks:compute', () => {
  const cli = path.join(__dirname, '..', 'dist', 'src', 'cli.js');
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-clocks-')), 'data');

  function runCli(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, [cli, 'clocks:compute', ...args], {
      env: { ...env, DESK_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  afterAll(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it('prints the counter-notice restoration window as JSON, on US business days', async () => {
    const { code, stdout, stderr } = await runCli(['--clock', 'counter_notice_restore', '--start', '2026-11-16T15:00:00Z']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({
      clock: 'counter_notice_restore',
      start: '2026-11-16T15:00:00.000Z',
      due: '2026-12-02T04:59:59.999Z',
      earliest: '2026-12-02T04:59:59.999Z',
      latest: '2026-12-08T04:59:59.999Z',
      calendar: 'US business days (America/New_York, US federal holidays)',
    });
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('takes a jurisdiction, a notice type and a start with an offset', async () => {
    const { code, stdout } = await runCli(['--clock', 'review_sla', '--type', 'copyright', '--start', '2026-11-25T10:00:00-05:00', '--jurisdiction', 'US']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ clock: 'review_sla', start: '2026-11-25T15:00:00.000Z', due: '2026-12-01T15:00:00.000Z' });
  });

  it("uses the desk's calendar and review hours from the settings", async () => {
    const env = { DESK_TIME_ZONE: 'America/New_York', DESK_HOLIDAYS: 'US', SLA_PRIORITY_HOURS: '24' };
    const { code, stdout } = await runCli(['--clock=review_sla', '--type=other', '--trusted-flagger', '--start=2026-11-25T15:00:00Z'], env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ due: '2026-11-27T15:00:00.000Z', calendar: 'US business days (America/New_York, US federal holidays)' });
  });

  it('gives the GDPR answer date with its extension, and the defamation clocks', async () => {
    const gdpr = JSON.parse((await runCli(['--clock', 'gdpr_answer', '--start', '2026-01-31T12:00:00Z'])).stdout);
    expect(gdpr).toMatchObject({ due: '2026-03-02T23:59:59.999Z', latest: '2026-04-30T22:59:59.999Z' });
    const contact = JSON.parse((await runCli(['--clock', 'defamation_contact', '--start', '2026-12-24T15:00:00Z'])).stdout);
    expect(contact.due).toBe('2026-12-30T15:00:00.000Z');
  });

  it.each([
    [['--clock', 'tea_break', '--start', '2026-11-16T15:00:00Z'], /unknown clock "tea_break"/],
    [['--clock', 'appeal_window', '--start', 'yesterday'], /--start "yesterday" is not an ISO 8601 instant/],
    [['--clock', 'appeal_window', '--start', '2026-02-30T10:00:00Z'], /not an ISO 8601 instant/],
    [['--clock', 'appeal_window', '--start', '2026-11-16T15:00:00'], /not an ISO 8601 instant with a zone/],
    [['--clock', 'defamation_contact', '--start', '2026-11-16T15:00:00Z', '--jurisdiction', 'Narnia'], /unknown jurisdiction "Narnia"/],
    [['--clock', 'review_sla', '--start', '2026-11-16T15:00:00Z'], /review_sla needs a notice type/],
    [['--start', '2026-11-16T15:00:00Z'], /give --clock/],
    [['--clock', 'appeal_window', '--start', '2026-11-16T15:00:00Z', '--color'], /unknown argument "--color"/],
  ])('exits 2 with one line for %j', async (args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
