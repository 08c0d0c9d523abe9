// Sending one mail over SMTP (BCF_SMTP_URL) with nodemailer. The outbox decides what to send and when; this only
// hands a message to the mail server and says whether it took it. Timeouts are short and bounded, so a mail server
// that does not answer holds a mail for at most a minute or so, well inside the outbox's lease (worker.ts).
import type { Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The Message-ID, `<...@host>`: the outbox row's, so a retried mail keeps its identity. */
  messageId: string;
}

/** Send one mail, resolving once the SMTP server has accepted it, rejecting with its answer otherwise. */
export type SendMail = (mail: OutgoingMail) => Promise<void>;

const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

/** A sender over `smtpUrl` (smtp://user:pass@host:587, smtps://host:465) from `from`. */
export function smtpSender(smtpUrl: string, from: string): { send: SendMail; close: () => void } {
  // nodemailer is loaded with the first mail, not when the server starts: it costs an idle server about 15 MB.
  let transport: Promise<Transporter> | null = null;
  let closed = false;
  const open = async (): Promise<Transporter> => {
    const { default: nodemailer } = await import('nodemailer');
    const opened = nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS });
    if (closed) opened.close();
    return opened;
  };
  return {
    send: async (mail) => {
      transport ??= open();
      await (await transport).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    },
    close: () => {
      closed = true;
      void transport?.then((opened) => opened.close());
    },
  };
}
