import type { Mailbox } from '../core/notifications/notification.ts';
import type { Deps } from '../core/deps.ts';
import type { EvidenceStore } from '../core/evidence.ts';

export type WebDeps = Deps & {
  sessionSecret: string;
  /** Secure cookies need HTTPS: on in AWS, off for http://localhost. */
  secureCookies: boolean;
  evidence: EvidenceStore;
  /** The yearly review fan-out state machine. */
  reviewStateMachineArn: string;
  /** The model import workflow (a checked spreadsheet, chunk by chunk). */
  importStateMachineArn: string;
  /** The local mail catcher's messages (npm start); absent on AWS. */
  mailbox?: Mailbox;
};

export type AppEnv = { Variables: { actor: import('../core/actor.ts').Actor } };
