import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from './config';
import type { Logger } from './logger';

export type MailMessage = Readonly<{ to: string; subject: string; text: string }>;

export type Mailer = Readonly<{
  /** False when no SMTP_URL is configured: features then show links to a person instead of mailing them. */
  enabled: boolean;
  /** Sends now; rejects (after logging) when the message could not be handed over. */
  send(message: MailMessage): Promise<void>;
  /**
   * Sends without making the caller wait, so a response takes the same time whether or not a
   * message goes out (a password-reset answer must not reveal which accounts exist). Failures are logged.
   */
  sendInBackground(message: MailMessage): void;
  /** Resolves once every background send has finished: for shutdown, and for tests that read the outbox. */
  drain(): Promise<void>;
}>;

/**
 * One mailer per app. `transport` lets a caller supply a ready nodemailer transporter (tests pass a
 * jsonTransport so the message can be read without a network); otherwise SMTP_URL decides.
 */
export function createMailer(mail: Config['mail'], logger: Logger, transport?: Transporter): Mailer {
  const transporter = transport ?? (mail.smtpUrl ? nodemailer.createTransport(mail.smtpUrl) : undefined);
  const pending = new Set<Promise<void>>();

  async function send(message: MailMessage): Promise<void> {
    if (!transporter) throw new Error('Mail is not configured (SMTP_URL is not set)');
    // The text usually carries a single-use link: only the envelope is ever logged.
    const envelope = { to: message.to, subject: message.subject };
    try {
      const info = (await transporter.sendMail({ from: mail.from, ...envelope, text: message.text })) as {
        messageId?: string;
      };
      logger.info({ ...envelope, messageId: info.messageId }, 'mail sent');
    } catch (err) {
      logger.error({ err, ...envelope }, 'mail could not be sent');
      throw err;
    }
  }

  return {
    enabled: transporter !== undefined,
    send,
    sendInBackground(message) {
      // send() has logged any failure; nobody is waiting for this one to report it to.
      const job: Promise<void> = send(message)
        .catch(() => undefined)
        .finally(() => pending.delete(job));
      pending.add(job);
    },
    async drain() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
