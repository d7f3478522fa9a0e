import * as readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ROLES } from './staff-actor';
import { User } from './user.entity';
import { UsersService } from './users.service';

// `npm run desk -- users:create --email E --name N --role R`. The password is never an
// argument (it would land in the shell history and in `ps`): it is asked for without echo
// on a terminal, or read from the first line of stdin (`... < password.txt`).
export const USERS_CREATE_USAGE = `users:create --email E --name N --role ${ROLES.join('|')}`;

export class ConsoleUsageError extends Error {}

export function parseUserCreateArgs(args: string[]): { email: string; name: string; role: string } {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--(email|name|role|password)(?:=(.*))?$/.exec(args[i]);
    if (!match) throw new ConsoleUsageError(`unknown argument ${JSON.stringify(args[i])}`);
    if (match[1] === 'password') throw new ConsoleUsageError('the password is never given on the command line: type it when asked, or pipe it on stdin');
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new ConsoleUsageError(`--${match[1]} needs a value`);
    options[match[1]] = value;
  }
  const missing = ['email', 'name', 'role'].filter((name) => !options[name]);
  if (missing.length) throw new ConsoleUsageError(`give ${missing.map((name) => `--${name}`).join(', ')}`);
  return { email: options.email, name: options.name, role: options.role };
}

export async function readPassword(input: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown }, output: Writable): Promise<string> {
  if (input.isTTY && input.setRawMode) {
    const first = await promptHidden(input, output, 'Password (at least 12 characters): ');
    const second = await promptHidden(input, output, 'Repeat the password: ');
    if (first !== second) throw new ConsoleUsageError('the two passwords differ');
    return first;
  }
  return firstLine(input);
}

export async function createUserFromConsole(users: UsersService, args: string[], input: Readable, output: Writable): Promise<User> {
  const options = parseUserCreateArgs(args);
  const password = await readPassword(input, output);
  return users.createFromConsole({ ...options, password });
}

async function firstLine(input: Readable): Promise<string> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
  }
}

// Raw mode: the characters typed are read one by one and never echoed.
function promptHidden(input: Readable & { setRawMode?: (mode: boolean) => unknown }, output: Writable, question: string): Promise<string> {
  output.write(question);
  input.setRawMode!(true);
  input.setEncoding('utf8');
  input.resume();
  let value = '';
  return new Promise((resolve, reject) => {
    const finish = () => {
      input.setRawMode!(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new ConsoleUsageError('cancelled'));
          return;
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    input.on('data', onData);
  });
}
