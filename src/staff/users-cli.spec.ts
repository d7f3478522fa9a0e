import { PassThrough, Readable, Writable } from 'node:stream';
import { parseUserCreateArgs, readPassword } from './users-cli';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  return { stream: new Writable({ write: (chunk, _encoding, done) => ((text += chunk.toString()), done()) }), text: () => text };
}

// A terminal: raw mode can be switched, keys arrive one chunk at a time.
function fakeTerminal(): PassThrough & { isTTY: boolean; setRawMode: jest.Mock } {
  return Object.assign(new PassThrough(), { isTTY: true, setRawMode: jest.fn() });
}

describe('users:create arguments', () => {
  it('takes --email, --name and --role, with or without =', () => {
    expect(parseUserCreateArgs(['--email', 'e@x.org', '--name=Eve Editor', '--role', 'editor'])).toEqual({ email: 'e@x.org', name: 'Eve Editor', role: 'editor' });
  });

  it.each([
    [['--email', 'e@x.org', '--name', 'E', '--role', 'editor', '--password', 'secret'], /never given on the command line/],
    [['--email', 'e@x.org', '--name', 'E', '--role', 'editor', '--password=secret'], /never given on the command line/],
    [['--email', 'e@x.org'], /give --name, --role/],
    [['--email'], /--email needs a value/],
    [['--colour', 'red'], /unknown argument/],
  ])('refuses %j', (args, message) => {
    expect(() => parseUserCreateArgs(args)).toThrow(message);
  });
});

describe('reading the password', () => {
  it('takes the first line of a pipe', async () => {
    const out = sink();
    expect(await readPassword(Readable.from(['first line password\r\n', 'second\n']), out.stream)).toBe('first line password');
    expect(out.text()).toBe('');
  });

  it('asks twice on a terminal, in raw mode, without echoing what is typed', async () => {
    const terminal = fakeTerminal();
    const out = sink();
    const answer = readPassword(terminal, out.stream);
    setImmediate(() => {
      terminal.write('correct horse\u007fe battery\r');
      setImmediate(() => terminal.write('correct horse battery\n'));
    });
    expect(await answer).toBe('correct horse battery');
    expect(terminal.setRawMode.mock.calls).toEqual([[true], [false], [true], [false]]);
    expect(out.text()).toBe('Password (at least 12 characters): \nRepeat the password: \n');
  });

  it('refuses two different passwords', async () => {
    const terminal = fakeTerminal();
    const answer = readPassword(terminal, sink().stream);
    setImmediate(() => {
      terminal.write('one password here\r');
      setImmediate(() => terminal.write('another password\r'));
    });
    await expect(answer).rejects.toThrow(/differ/);
  });
});
