import type { Deps } from '../core/deps.ts';
import type { Mailer } from '../core/notifications/notification.ts';
import { logError } from '../core/redact.ts';
import { dispatchNotifications, sendDigests } from '../core/use-cases/notifications.ts';
import { renderNotificationMail } from '../web/notifications/notification-mail.ts';

/** The digest goes out once a day after 07:00 in Vietnam (on AWS: the same time by EventBridge, infra/constructs/notifications.ts). */
export const DIGEST_HOUR_VN = 7;
const vietnam = (at: Date) => new Date(at.getTime() + 7 * 3600_000);

/**
 * The notification rounds of `npm start`: the outbox sent every two seconds, the digest once a
 * day; one round at a time, a stop waits for the one under way.
 */
export function notificationRounds(deps: Deps, mailer: Mailer, initialBaseUrl: string) {
  let baseUrl = initialBaseUrl;
  const dispatchDeps = () => ({ ...deps, mailer, render: renderNotificationMail, baseUrl });
  let running: Promise<unknown> = Promise.resolve();
  // A stop ends the round under way after the message being sent (a backlog is not drained first).
  let stopping = false;
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = running.then(work, work);
    running = next.catch(() => undefined);
    return next;
  };
  const dispatch = () => serial(() => dispatchNotifications(dispatchDeps(), () => !stopping));
  const digest = () => serial(() => sendDigests(dispatchDeps()));
  let lastDigestDay = vietnam(deps.now()).toISOString().slice(0, 10);
  return {
    dispatch,
    digest,
    setBaseUrl: (url: string) => {
      baseUrl = url;
    },
    /** Starts the timers; returns what stops them. */
    startTimers: () => {
      const timer = setInterval(() => {
        dispatch().catch((e: unknown) => logError('[mail]', e));
        const now = vietnam(deps.now());
        const day = now.toISOString().slice(0, 10);
        if (day !== lastDigestDay && now.getUTCHours() >= DIGEST_HOUR_VN) {
          lastDigestDay = day;
          digest().catch((e: unknown) => logError('[mail digest]', e));
        }
      }, 2000);
      return async () => {
        clearInterval(timer);
        stopping = true;
        await running;
      };
    },
  };
}
