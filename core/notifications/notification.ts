import type { Stage } from '../lifecycle.ts';

/**
 * What people are told by email: a step waits on them, it is overdue, a decision about their
 * model was made, the yearly review opened, their recognition decision was issued. Each event
 * has an id derived from what caused it, so a retried Lambda, a restarted runtime, a re-opened
 * wait (a new token, the same step and round) or a continuation execution writes the same event
 * once; each recipient gets it once (core/use-cases/notifications.ts).
 */
export const NOTIFICATION_TYPES = ['STEP_WAITING', 'STEP_OVERDUE', 'MODEL_DECIDED', 'REVIEW_OPENED', 'DECISION_ISSUED'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Who receives it: the accounts of these units, of these boards, or the units of these boards. */
export type Audience = { unitIds?: string[]; boardIds?: string[]; unitsOfBoards?: string[] };

export type NotificationEvent = {
  id: string;
  type: NotificationType;
  at: string;
  audience: Audience;
  /** The path to act on, from the web app's root ("/models/…"). */
  link: string;
  params: {
    modelId?: string;
    modelName?: string;
    stage?: Stage;
    dueAt?: string;
    outcome?: string;
    year?: number;
    scope?: string;
    number?: string;
    count?: number;
  };
};

/** Ids: the step and its round (a re-opened wait keeps both), the decision, the review, the issued decision. */
export const notificationIds = {
  waiting: (modelId: string, year: number, stage: string, round: number) => `WAIT#${modelId}#${year}#${stage}#${round}`,
  overdue: (modelId: string, year: number, stage: string, round: number) => `OVERDUE#${modelId}#${year}#${stage}#${round}`,
  decided: (decisionId: string) => `DECIDED#${decisionId}`,
  reviewOpened: (scope: string, year: number) => `REVIEW#${scope}#${year}`,
  decisionIssued: (decisionId: string) => `ISSUED#${decisionId}`,
};

/** A message as sent: one per event and recipient (or one digest per recipient and day). */
export type OutgoingMail = { messageId: string; to: string; subject: string; text: string; html: string };

/** Sends one message (SMTP to the local catcher, SES on AWS). */
export type Mailer = { send(mail: OutgoingMail): Promise<void> };

/** Renders an event for one reader, in their language, with the absolute link to act. */
export type RenderMail = (
  events: NotificationEvent[],
  reader: { username: string; displayName: string; lang: 'vi' | 'en' },
  baseUrl: string,
) => { subject: string; text: string; html: string };

/** The messages a local mail catcher kept, for the administrator's mail page (absent on AWS: SES sends them). */
export type Mailbox = {
  list(): Promise<{ id: string; at: string; to: string; subject: string }[]>;
  read(id: string): Promise<{ id: string; at: string; to: string; subject: string; text: string; html?: string } | undefined>;
};
