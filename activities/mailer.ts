import nodemailer from 'nodemailer';
import type { Logger } from '../common/logger';

export interface Mail { to: string; subject: string; text: string }
export interface Mailer { send(mail: Mail): Promise<void>; close(): void }

/** SMTP when configured; otherwise mail is written to the log so local runs still show it. */
export function createMailer(opts: { smtpUrl?: string; from: string; logger: Logger }): Mailer {
  const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : nodemailer.createTransport({ jsonTransport: true });
  return {
    async send(mail) {
      await transport.sendMail({ from: opts.from, ...mail });
      if (!opts.smtpUrl) opts.logger.info({ mail }, 'mail (no SMTP_URL set, logged instead of sent)');
    },
    close: () => transport.close(),
  };
}
