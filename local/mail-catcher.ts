import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { Mailbox, Mailer } from '../core/notifications/notification.ts';
import { ensurePrivateDir } from './private-files.ts';

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it accepts as an .eml file in
 * `folder` (private to this user) instead of sending it on: `npm start`'s stand-in for Amazon
 * SES, so a person can see what would have been sent. No authentication: it listens on the
 * loopback interface only and delivers nowhere.
 */
export async function startMailCatcher(folder: string, port = 0) {
  ensurePrivateDir(folder);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    banner: 'dan-van-kheo local mail catcher',
    // Its only client is this process on 127.0.0.1: no reverse DNS (offline it waits 1.5 s a connection).
    disableReverseLookup: true,
    size: 5 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const file = join(folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
        writeFileSync(file, Buffer.concat(chunks), { mode: 0o600 });
        chmodSync(file, 0o600);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  // One kept connection for every message (a new SMTP session each costs a handshake).
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 1,
    host: '127.0.0.1',
    port: address.port,
    secure: false,
    ignoreTLS: true,
  });
  const mailer: Mailer = {
    async send(mail) {
      await transport.sendMail({
        from: 'Dân vận khéo <no-reply@dan-van-kheo.local>',
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
    },
  };
  const files = () =>
    readdirSync(folder)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .reverse();
  const parse = async (id: string) => {
    const parsed = await simpleParser(readFileSync(join(folder, id)));
    const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
    return {
      id,
      at: (parsed.date ?? new Date(0)).toISOString(),
      to,
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: parsed.html || undefined,
    };
  };
  const mailbox: Mailbox = {
    list: async () =>
      Promise.all(
        files()
          .slice(0, 200)
          .map(async (f) => {
            const { id, at, to, subject } = await parse(f);
            return { id, at, to, subject };
          }),
      ),
    read: async (id) => (files().includes(id) ? parse(id) : undefined),
  };
  return {
    port: address.port,
    folder,
    mailer,
    mailbox,
    stop: async () => {
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type MailCatcher = Awaited<ReturnType<typeof startMailCatcher>>;
