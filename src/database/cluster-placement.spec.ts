import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { firstBlocked } from './cluster-placement';

// A user who owns nothing here: only the "others" bits of each folder let it through.
const stranger = { uid: 54_321, gid: 54_321 };

describe('firstBlocked: which folder keeps another user out', () => {
  let top: string;
  beforeEach(() => {
    top = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-placement-'));
    fs.mkdirSync(path.join(top, 'desk', 'data'), { recursive: true });
  });
  afterEach(() => fs.rmSync(top, { recursive: true, force: true }));

  it('names the closed folder on the way, however deep the target', () => {
    fs.chmodSync(top, 0o700);
    expect(firstBlocked(path.join(top, 'desk', 'data'), stranger)).toBe(top);
  });

  it('lets the user through folders open to others (x is enough)', () => {
    fs.chmodSync(top, 0o711);
    fs.chmodSync(path.join(top, 'desk'), 0o755);
    fs.chmodSync(path.join(top, 'desk', 'data'), 0o755);
    expect(firstBlocked(path.join(top, 'desk', 'data'), stranger)).toBeNull();
  });

  it('stops at the target itself when it cannot be entered or run', () => {
    fs.chmodSync(top, 0o755);
    fs.chmodSync(path.join(top, 'desk'), 0o755);
    fs.chmodSync(path.join(top, 'desk', 'data'), 0o750);
    expect(firstBlocked(path.join(top, 'desk', 'data'), stranger)).toBe(path.join(top, 'desk', 'data'));
  });

  it('uses the owner bits for the owner and the group bits for the group, not the others bits', () => {
    fs.chmodSync(top, 0o755);
    const desk = path.join(top, 'desk');
    const own = fs.statSync(desk);
    fs.chmodSync(desk, 0o071);
    expect(firstBlocked(desk, { uid: own.uid, gid: stranger.gid })).toBe(desk);
    fs.chmodSync(desk, 0o701);
    expect(firstBlocked(desk, { uid: stranger.uid, gid: own.gid })).toBe(desk);
    fs.chmodSync(desk, 0o710);
    expect(firstBlocked(desk, { uid: stranger.uid, gid: own.gid })).toBeNull();
  });
});
