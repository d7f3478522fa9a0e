import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { DeskError } from '../common/desk-error';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords';

// How hard a new password is to guess, by zxcvbn's estimate (0 to 4): 3 and up is taken.
export const MIN_PASSWORD_SCORE = 3;

// The dictionaries are large: loaded on the first check, once per process.
let estimator: ZxcvbnFactory | null = null;

function loadEstimator(): ZxcvbnFactory {
  if (estimator) return estimator;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded lazily, on first use */
  const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  /* eslint-enable @typescript-eslint/no-require-imports */
  estimator = new Factory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    // The estimate's cost grows fast with length and with l33t variants (seconds for 256
    // symbols): the first 100 characters decide, with few l33t substitutions per word.
    maxLength: 100,
    l33tMaxSubstitutions: 4,
  });
  return estimator;
}

// What is wrong with a new password, in words for the person choosing it (null: nothing).
// `userInputs` are the person's own name and e-mail address: a password built from them
// is easy to guess for anyone who knows them.
export function passwordProblem(password: string, userInputs: string[]): string | null {
  if (password.trim() === '') return 'Must not be only spaces.';
  if (password.length < MIN_PASSWORD_LENGTH) return `Must be at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Must be at most ${MAX_PASSWORD_LENGTH} characters.`;
  const inputs = userInputs.flatMap((input) => [input, input.replace(/\s+/g, ''), ...input.split(/[\s@.+_-]+/)]).filter((input) => input.length > 1);
  const result = loadEstimator().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hints = [result.feedback.warning, ...result.feedback.suggestions].filter((hint): hint is string => Boolean(hint));
  return ['Too easy to guess.', ...hints, 'Try a few unrelated words, or a longer phrase.'].join(' ');
}

// For services: a 422 naming the field when the password would not do.
export function requireStrongPassword(password: string, person: { name: string; email: string }, field: string): void {
  const problem = passwordProblem(password, [person.name, person.email]);
  if (problem) throw DeskError.validation([{ field, message: problem }]);
}
