import { Algorithm, hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

// argon2id with OWASP's baseline (19 MiB, 2 passes, 1 lane). `Algorithm` is a const enum
// that SWC (the test transform) cannot inline across modules, hence the literal.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// A sign-in for an unknown address is checked against this hash, so it takes as long as
// one with a wrong password and the answer's timing does not tell which addresses exist.
let dummyHash: Promise<string> | null = null;

// Made at start-up, so that even the first unknown address costs no more than one check.
export function prepareDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('not a real password; only here to spend the same time');
  return dummyHash;
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await prepareDummyHash()), password);
  } catch {
    return false;
  }
}
