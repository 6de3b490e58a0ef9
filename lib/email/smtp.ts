// The SMTP side of a mailbox: a nodemailer transport from its settings (the password
// decrypted only here, for the connection), and what a failure means in words a user
// can act on. Never logs: nodemailer's own logger stays off, as it would print the AUTH
// exchange.
import "server-only";
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import nodemailer, { type Transporter } from "nodemailer";
import { allowPrivateNetworks } from "@/lib/automations/private-networks";
import type { Mailbox } from "@/db/schema";
import { env } from "@/lib/env";
import { decryptSecret } from "./crypto";

export type SmtpSettings = Pick<Mailbox, "smtpHost" | "smtpPort" | "smtpSecurity" | "smtpUsername" | "smtpPasswordEnc">;

/** An SMTP host that resolves to a loopback, private or link-local address (the SSRF guard). */
export class BlockedSmtpHostError extends Error {
  readonly code = "EBLOCKED";
}

/**
 * The address to connect to: the host resolved once and checked, as webhooks are
 * (WEBHOOK_ALLOW_PRIVATE_NETWORKS=1 opens it for development and tests), so a mailbox
 * cannot point the server at its own network. The connection goes to that address (no
 * second lookup to rebind), with the name kept for TLS.
 */
export async function resolveSmtpHost(host: string): Promise<{ address: string; servername: string }> {
  const name = host.replace(/^\[|\]$/g, "");
  const addresses = ipaddr.isValid(name) ? [{ address: name }] : await lookup(name, { all: true });
  if (!allowPrivateNetworks()) {
    const blocked = addresses.find((a) => {
      const ip = ipaddr.process(a.address);
      return ip.range() !== "unicast";
    });
    if (blocked) throw new BlockedSmtpHostError(`${host} is not a public address (${blocked.address})`);
  }
  return { address: addresses[0]!.address, servername: name };
}

export function smtpTransport(m: SmtpSettings, at: { address: string; servername: string }, pool?: { maxConnections: number }): Transporter {
  const timeout = env.EMAIL_SMTP_TIMEOUT_MS;
  return nodemailer.createTransport({
    ...(pool ? { pool: true as const, maxConnections: pool.maxConnections, maxMessages: 100 } : {}),
    host: at.address,
    tls: ipaddr.isValid(at.servername) ? undefined : { servername: at.servername },
    port: m.smtpPort,
    secure: m.smtpSecurity === "TLS",
    requireTLS: m.smtpSecurity === "STARTTLS",
    ignoreTLS: m.smtpSecurity === "NONE",
    auth: { user: m.smtpUsername, pass: decryptSecret(m.smtpPasswordEnc) },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
    logger: false,
    debug: false,
  });
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** A sentence for the mailbox card and the email's FAILED reason. */
export function smtpErrorMessage(err: unknown, m: Pick<Mailbox, "smtpHost" | "smtpPort">): string {
  const e = (err ?? {}) as SmtpError & { cause?: SmtpError };
  const where = `${m.smtpHost}:${m.smtpPort}`;
  const said = e.response ? ` (the server said: ${e.response.slice(0, 200)})` : "";
  const text = `${e.message ?? ""} ${e.cause?.code ?? ""}`;
  if (e.code === "EBLOCKED") return `Refused to connect to ${m.smtpHost}: it is not a public address. Use your provider's SMTP server.`;
  if (e.code === "EAUTH") return `The SMTP server refused the username or password${said}. Check them; many providers want an app password.`;
  if (e.code === "ENOAUTH") return "The SMTP server wants a username and password.";
  if (e.code === "ETIMEDOUT" || /timeout/i.test(text)) return `The SMTP server at ${where} did not answer in time (${Math.round(env.EMAIL_SMTP_TIMEOUT_MS / 1000)} s).`;
  if (/ECONNREFUSED/.test(text)) return `Could not connect to ${where}: the connection was refused. Check the host and port.`;
  if (e.code === "EDNS" || /ENOTFOUND|EAI_AGAIN/.test(text)) return `No such host: ${m.smtpHost}. Check the SMTP host name.`;
  if (e.code === "ETLS" || /TLS|SSL|certificate/i.test(text)) return `The secure connection to ${where} failed: ${e.message ?? "TLS error"}. Check the security setting (TLS, STARTTLS) for this port.`;
  if (e.code === "EENVELOPE") return `The SMTP server refused a recipient or the sender${said}.`;
  if (e.code === "ECONNECTION" || e.code === "ESOCKET") return `The connection to ${where} failed: ${e.message ?? "closed unexpectedly"}.`;
  if (e.responseCode) return `The SMTP server refused the message${said}.`;
  return `Sending through ${where} failed: ${e.message ?? "unknown error"}.`;
}

/**
 * The worker's transports: one pooled transport per mailbox and settings, so consecutive
 * sends reuse a logged-in connection instead of a TCP + AUTH round trip each. A mailbox
 * whose settings change (host, port, password, timeout) gets a new one; the old one is closed.
 */
const pooled = new Map<string, { key: string; transport: Transporter }>();

/** Connections per mailbox: as many as the worker sends at once by default (WORKER_CONCURRENCY, 10), so no send waits for another's. */
const POOL_CONNECTIONS = 10;

export async function pooledTransport(m: SmtpSettings & { id: string }): Promise<Transporter> {
  const at = await resolveSmtpHost(m.smtpHost);
  const key = [at.address, m.smtpHost, m.smtpPort, m.smtpSecurity, m.smtpUsername, m.smtpPasswordEnc, env.EMAIL_SMTP_TIMEOUT_MS].join("\u0000");
  const hit = pooled.get(m.id);
  if (hit?.key === key) return hit.transport;
  hit?.transport.close();
  const transport = smtpTransport(m, at, { maxConnections: POOL_CONNECTIONS });
  // a pooled connection that fails between sends reports it as an event: the next send sees the failure itself
  transport.on("error", () => pooled.get(m.id)?.transport === transport && pooled.delete(m.id));
  pooled.set(m.id, { key, transport });
  return transport;
}

/** Closes every pooled connection (the worker's stop). */
export function closePooledTransports(): void {
  for (const { transport } of pooled.values()) transport.close();
  pooled.clear();
}
