// A real SMTP server on 127.0.0.1 for the tests, the e2e specs and the bench (smtp-server,
// a dev dependency: never import this from app code). It asks for a login, refuses a wrong
// password with 535 as a real server does, and keeps each message it accepts, parsed.
import { once } from "node:events";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  port: number;
  username: string;
  password: string;
  received: ReceivedMail[];
  /** Resolves with the first message (already received or to come) that `match` accepts. */
  waitFor(match: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startTestSmtpServer(opts: { username?: string; password?: string; keepParsed?: boolean } = {}): Promise<TestSmtpServer> {
  const username = opts.username ?? "rep@example.test";
  const password = opts.password ?? "app-password-1";
  const received: ReceivedMail[] = [];
  const waiters: { match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    size: 25 * 1024 * 1024,
    onAuth(auth, _session, cb) {
      if (auth.username === username && auth.password === password) return cb(null, { user: auth.username });
      const err = Object.assign(new Error("Authentication failed"), { responseCode: 535 });
      cb(err);
    },
    onData(stream, session, cb) {
      if (opts.keepParsed === false) {
        // the bench: the message is read to its end and accepted, as a relay would queue it, unparsed
        stream.on("end", () => cb()).resume();
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          const mail: ReceivedMail = {
            envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address) },
            parsed,
          };
          if (opts.keepParsed !== false) received.push(mail);
          for (const w of [...waiters]) {
            if (w.match(mail)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(mail);
            }
          }
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    username,
    password,
    received,
    waitFor(match, timeoutMs = 20_000) {
      const hit = received.find(match);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no matching email reached the test SMTP server")), timeoutMs);
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A TCP server that accepts connections and never says a word: an SMTP server that hangs. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => {});
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
