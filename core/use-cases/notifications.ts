import type { Deps } from '../deps.ts';
import { logError } from '../redact.ts';
import type { Account } from '../records.ts';
import type { Mailer, NotificationEvent, RenderMail } from '../notifications/notification.ts';
import {
  claimDelivery,
  closeNotificationEvent,
  getNotificationEvents,
  listDigestDeliveries,
  listPendingEvents,
  markDelivered,
  openDelivery,
  putNotificationEvent,
} from '../store/notification-store.ts';
import { getAccount, listAccounts, listUnits, putAccount } from '../store/org-store.ts';

type Reader = Omit<Account, 'passwordHash'>;

/**
 * Records an event in the outbox, once whatever calls it again (its id says what caused it).
 * Called right after the change it reports, on every path that reaches the change (a retried
 * task included), so a crash between the two is healed by the retry.
 */
export async function notify(deps: Pick<Deps, 'db' | 'tableName'>, event: NotificationEvent): Promise<void> {
  await putNotificationEvent(deps, event);
}

/** Who may receive mail: active, with an address that has not bounced, not turned off. */
const reachable = (a: Reader) => Boolean(a.email) && !a.deactivatedAt && !a.emailBouncedAt && a.notify !== 'OFF';

/** The accounts an event is for, from one listing of the accounts (and units, for a board's units). */
async function recipientsOf(deps: Deps, event: NotificationEvent, cache: { accounts?: Reader[]; unitBoards?: Map<string, string> }) {
  cache.accounts ??= await listAccounts(deps);
  const { unitIds = [], boardIds = [], unitsOfBoards = [] } = event.audience;
  if (unitsOfBoards.length > 0) cache.unitBoards ??= new Map((await listUnits(deps)).map((u) => [u.id, u.boardId]));
  return cache.accounts.filter(
    (a) =>
      reachable(a) &&
      ((a.role === 'unit' && a.unitId && (unitIds.includes(a.unitId) || unitsOfBoards.includes(cache.unitBoards?.get(a.unitId) ?? ''))) ||
        (a.role === 'board' && a.boardId && boardIds.includes(a.boardId))),
  );
}

/** A sender that died between claiming and sending: its claim lapses after this long. */
const CLAIM_LEASE_MS = 10 * 60_000;

export type DispatchDeps = Deps & { mailer: Mailer; render: RenderMail; baseUrl: string };

const messageId = (key: string) => `<${key.replace(/[^\w.-]+/g, '.')}@dan-van-kheo>`;

/**
 * Sends what the outbox holds: each event to each of its recipients once (a delivery item per
 * recipient, created once and claimed by its sender; marked sent after), a digest reader's
 * deliveries kept for the day's digest. An event leaves the pending list when every recipient
 * has it. A failed send stays pending and is tried on the next round. `goOn` is asked before
 * each message: a round ends early when its process stops or its Lambda runs out of time, and
 * the next round carries on. Returns how many were sent.
 */
export async function dispatchNotifications(deps: DispatchDeps, goOn: () => boolean = () => true): Promise<number> {
  let sent = 0;
  const cache = {};
  for (;;) {
    const events = await listPendingEvents(deps);
    if (events.length === 0) return sent;
    let progressed = false;
    for (const event of events) {
      let done = true;
      for (const reader of await recipientsOf(deps, event, cache)) {
        if (!goOn()) return sent;
        const result = await deliverOnce(deps, event, reader);
        if (result === 'SENT') sent++;
        if (result === 'NOT_YET') done = false;
      }
      if (done) {
        await closeNotificationEvent(deps, event.id);
        progressed = true;
      }
    }
    if (!progressed) return sent;
  }
}

/** One event to one reader: sent now, had already (sent, or kept for the digest), or not yet (another sender has it, or sending failed). */
async function deliverOnce(deps: DispatchDeps, event: NotificationEvent, reader: Reader): Promise<'SENT' | 'HAD' | 'NOT_YET'> {
  const now = deps.now();
  const mode = reader.notify === 'DIGEST' ? 'DIGEST' : 'IMMEDIATE';
  const { delivery, created } = await openDelivery(
    deps,
    { eventId: event.id, username: reader.username, mode, at: event.at },
    now.toISOString(),
  );
  if (delivery.mode === 'DIGEST' || delivery.status === 'SENT' || delivery.status === 'DIGESTED') return 'HAD';
  const stale = new Date(now.getTime() - CLAIM_LEASE_MS).toISOString();
  if (!created && !(await claimDelivery(deps, event.id, reader.username, now.toISOString(), stale))) return 'NOT_YET';
  try {
    const mail = deps.render(
      [event],
      { username: reader.username, displayName: reader.displayName, lang: reader.lang ?? 'vi' },
      deps.baseUrl,
    );
    await deps.mailer.send({ ...mail, to: reader.email!, messageId: messageId(`${event.id}.${reader.username}`) });
    await markDelivered(deps, event.id, reader.username, 'SENT');
    return 'SENT';
  } catch (error) {
    logError(`notification ${event.id} to ${reader.username} not sent; tried again next round:`, error);
    await markDelivered(deps, event.id, reader.username, 'PENDING');
    return 'NOT_YET';
  }
}

/** The daily digest: one message per reader with every event kept for it, each event once. */
export async function sendDigests(deps: DispatchDeps): Promise<number> {
  const deliveries = await listDigestDeliveries(deps);
  if (deliveries.length === 0) return 0;
  const events = await getNotificationEvents(deps, [...new Set(deliveries.map((d) => d.eventId))]);
  const accounts = new Map((await listAccounts(deps)).map((a) => [a.username, a]));
  const byReader = Map.groupBy(deliveries, (d) => d.username);
  const day = new Date(deps.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  let sent = 0;
  for (const [username, mine] of byReader) {
    const reader = accounts.get(username);
    const list = mine.flatMap((d) => (events.get(d.eventId) ? [events.get(d.eventId)!] : []));
    if (reader && reachable(reader) && list.length > 0) {
      const mail = deps.render(list, { username, displayName: reader.displayName, lang: reader.lang ?? 'vi' }, deps.baseUrl);
      await deps.mailer.send({ ...mail, to: reader.email!, messageId: messageId(`digest.${day}.${username}.${mine[0]!.eventId}`) });
      sent++;
    }
    for (const d of mine) await markDelivered(deps, d.eventId, username, 'DIGESTED');
  }
  return sent;
}

/** SES reported these addresses bounced or complained: their accounts get nothing more until the address changes. */
export async function recordBounces(deps: Deps, addresses: string[]): Promise<number> {
  const wanted = new Set(addresses.map((a) => a.toLowerCase()));
  let recorded = 0;
  for (const reader of await listAccounts(deps)) {
    if (!reader.email || !wanted.has(reader.email.toLowerCase()) || reader.emailBouncedAt) continue;
    const account = await getAccount(deps, reader.username);
    if (account) await putAccount(deps, { ...account, emailBouncedAt: deps.now().toISOString() });
    recorded++;
  }
  return recorded;
}
