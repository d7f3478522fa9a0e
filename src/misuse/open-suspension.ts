import type { Repositories } from '../database/database.service';
import type { Notice } from '../notices/notice.entity';
import type { Suspension } from './suspension.entity';

// The suspension that holds a notice's sender: its organisation's (when filed with a key),
// else its notifier's e-mail. A function over the repositories (not a provider), so the
// tracking page can ask it too.
export function openSuspensionOf(repos: Repositories, notice: Notice, now: Date): Promise<Suspension | null> {
  return repos.misuse.findOpenSuspensionOfSender(notice.senderKeyId, notice.notifier.email?.toLowerCase() || null, now);
}

// What the tracking page says of it: only a confirmed suspension that still runs.
export async function activeSuspensionOf(repos: Repositories, notice: Notice, now: Date): Promise<{ until: Date | null; appealed: boolean } | null> {
  const open = await openSuspensionOf(repos, notice, now);
  return open?.state === 'active' ? { until: open.endsAt, appealed: !!open.appealedAt } : null;
}
