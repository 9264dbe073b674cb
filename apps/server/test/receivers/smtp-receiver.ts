/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, a free port), keeping every message it
 * accepts parsed by mailparser. Plain connections (no STARTTLS offered).
 *
 *   const smtp = await startSmtpReceiver({ user: 'desk', password: 'pw' }); // omit both: no login
 *   // send to smtp.host : smtp.port
 *   const [mail] = await smtp.waitFor(1, 5000);  // mail.subject, mail.text, mail.html, mail.messageId, mail.header('x-guanjia-delivery')
 *   smtp.connections;                             // SMTP connections opened so far (pooling shows here)
 *   smtp.failNext(2, 451);                        // the next 2 messages answered 451 (transient) at the end of DATA; 550: permanent
 *   await smtp.close();
 *
 * With user/password given, a login is required and only that pair is accepted (535 otherwise);
 * without, AUTH is not offered. Recipients listed in `unknownRecipients` are refused at RCPT TO with
 * 550 5.1.1 (no such user).
 */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface SmtpReceiverOptions {
  user?: string;
  password?: string;
  unknownRecipients?: string[];
}

export interface ReceivedMail {
  /** MAIL FROM and RCPT TO as the client gave them. */
  envelope: { from: string | null; to: string[] };
  /** The login used, if any. */
  user: string | null;
  subject: string;
  /** The From header as text: "管家物业 <noreply@example.cn>". */
  from: string;
  to: string;
  text: string;
  html: string | null;
  messageId: string | null;
  /** One header's value as text (name in any case); null when absent. */
  header(name: string): string | null;
  parsed: ParsedMail;
}

export interface SmtpReceiver {
  host: string;
  port: number;
  messages: ReceivedMail[];
  /** SMTP connections opened so far. */
  readonly connections: number;
  /** Resolves with the messages once at least `count` arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Answer the next `count` messages with this code instead of accepting them. */
  failNext(count: number, code: 451 | 550): void;
  close(): Promise<void>;
}

export async function startSmtpReceiver(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  const waiters: { count: number; resolve: (mails: ReceivedMail[]) => void }[] = [];
  const failures: (451 | 550)[] = [];
  let connections = 0;
  const requiresLogin = options.user !== undefined;
  const unknown = new Set((options.unknownRecipients ?? []).map((address) => address.toLowerCase()));

  const server = new SMTPServer({
    logger: false,
    disabledCommands: requiresLogin ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !requiresLogin,
    allowInsecureAuth: true,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (unknown.has(address.address.toLowerCase())) return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const failure = failures.shift();
        if (failure === 451) return callback(Object.assign(new Error('4.7.1 Try again later'), { responseCode: 451 }));
        if (failure === 550) return callback(Object.assign(new Error('5.7.1 Message refused'), { responseCode: 550 }));
        simpleParser(Buffer.concat(chunks)).then(
          (parsed) => {
            messages.push(mailOf(parsed, session));
            for (const waiter of [...waiters]) {
              if (messages.length >= waiter.count) {
                waiters.splice(waiters.indexOf(waiter), 1);
                waiter.resolve([...messages]);
              }
            }
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('the SMTP receiver has no port');

  return {
    host: '127.0.0.1',
    port: address.port,
    messages,
    get connections() {
      return connections;
    },
    waitFor(count, timeoutMs = 5000) {
      if (messages.length >= count) return Promise.resolve([...messages]);
      return new Promise((resolve, reject) => {
        const waiter = { count, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          if (!waiters.includes(waiter)) return;
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`SMTP receiver: ${messages.length} of ${count} messages after ${timeoutMs} ms`));
        }, timeoutMs).unref();
      });
    },
    failNext(count, code) {
      for (let i = 0; i < count; i++) failures.push(code);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addressText(address: AddressObject | AddressObject[] | undefined): string {
  if (!address) return '';
  return (Array.isArray(address) ? address : [address]).map((entry) => entry.text).join(', ');
}

function mailOf(parsed: ParsedMail, session: SMTPServerSession): ReceivedMail {
  const mailFrom = session.envelope.mailFrom;
  return {
    envelope: { from: mailFrom ? mailFrom.address : null, to: session.envelope.rcptTo.map((recipient) => recipient.address) },
    user: typeof session.user === 'string' ? session.user : null,
    subject: parsed.subject ?? '',
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    messageId: parsed.messageId ?? null,
    header(name) {
      const value = parsed.headers.get(name.toLowerCase());
      if (value === undefined) return null;
      return typeof value === 'string' ? value : JSON.stringify(value);
    },
    parsed,
  };
}
