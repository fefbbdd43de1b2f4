// A real SMTP server that keeps what it receives, for asserting on notifications.
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../services/free-port';

export interface CapturedMail { to: string[]; subject: string; raw: string }

export interface SmtpCapture { url: string; mails: CapturedMail[]; waitFor(pred: (m: CapturedMail) => boolean, ms?: number): Promise<CapturedMail>; close(): Promise<void> }

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const subject = /^Subject: (.*)$/im.exec(raw)?.[1]?.trim() ?? '';
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, raw });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(pred, ms = 20_000) {
      const until = Date.now() + ms;
      for (;;) {
        const found = mails.find(pred);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no matching mail within ${ms} ms; got: ${mails.map((m) => `${m.to} "${m.subject}"`).join(', ')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The mail's text with quoted-printable undone (soft line breaks and `=XX` escapes), for finding links. */
export function mailText(mail: CapturedMail): string {
  return mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The sign-in or invitation link's path and fragment (`/sign-in#workspace=…&token=…`) in a mail. */
export function signInPathIn(mail: CapturedMail): { path: string; workspace: string; token: string } {
  const m = /(\/sign-in#workspace=([\w-]+)&token=([\w-]+))/.exec(mailText(mail));
  if (!m) throw new Error(`no sign-in link in the mail:\n${mailText(mail)}`);
  return { path: m[1]!, workspace: m[2]!, token: m[3]! };
}
