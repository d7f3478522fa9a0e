import { passwordProblem } from './password-strength';

const person = ['Eve Editor', 'eve.editor@freelanews.com'];

describe('password strength', () => {
  it.each([
    ['twelve spaces', '            ', /only spaces/],
    ['spaces and tabs', ' \t  \t      \t ', /only spaces/],
    ['too short', 'tiger lamp', /at least 12/],
    ['a common password', 'password1234', /Too easy to guess/],
    ['a l33t common password', 'p@ssw0rd1234', /Too easy to guess/],
    ['the person’s name', 'Eve Editor 1', /Too easy to guess/],
    ['the name run together', 'EveEditor2026', /Too easy to guess/],
    ['the e-mail address', 'eve.editor@freelanews.com', /Too easy to guess/],
  ])('refuses %s', (_, password, message) => {
    expect(passwordProblem(password, person)).toMatch(message);
  });

  it.each([
    ['a few unrelated words', 'amber violin drifts north'],
    ['a longer phrase', 'quiet lantern over copper hills'],
  ])('takes %s', (_, password) => {
    expect(passwordProblem(password, person)).toBeNull();
  });

  it('refuses over-long passwords, and judges a long one by its start', () => {
    expect(passwordProblem('x'.repeat(1025), person)).toMatch(/at most 1024/);
    const noisy = Array.from({ length: 1024 }, (_, i) => String.fromCharCode(33 + ((i * 7) % 90))).join('');
    expect(passwordProblem(noisy, person)).toBeNull();
  });
});
