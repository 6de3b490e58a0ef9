// An email's delivery and tracking on its timeline entry: to whom, sent or failed (with the
// reason), opens by people apart from opens by mail privacy proxies, and which links were clicked.
import { DateTime } from "@/components/ui/date-time";
import { Badge } from "@/components/ui/badge";
import type { TimelineEmail } from "@/lib/timeline/types";

const STATUS = { QUEUED: "Queued", SENDING: "Sending", SENT: "Sent", FAILED: "Failed" } as const;

export function EmailFacts({ email }: { email: TimelineEmail }) {
  const human = email.opens - email.proxyOpens;
  const clicked = email.links.map((l, i) => ({ ...l, i })).filter((l) => l.clicks > 0);
  return (
    <div className="mt-1 space-y-1 text-xs text-slate-600" aria-label="Email delivery and tracking">
      <p>
        To {email.to.join(", ")}
        {email.cc.length ? ` · Cc ${email.cc.join(", ")}` : ""} · From {email.from}
      </p>
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={email.status === "SENT" ? "green" : email.status === "FAILED" ? "red" : "neutral"}>{STATUS[email.status]}</Badge>
        {email.sentAt ? <DateTime value={email.sentAt} /> : null}
        {email.status === "FAILED" && email.error ? <span className="text-red-700">{email.error}</span> : null}
        {email.status === "QUEUED" && email.error ? <span className="text-amber-700">Retrying: {email.error}</span> : null}
        {email.repliedAt ? (
          <Badge tone="brand">
            Replied <DateTime value={email.repliedAt} />
          </Badge>
        ) : null}
        {email.bouncedAt ? <Badge tone="red">Bounced</Badge> : null}
        {email.bouncedAt && email.bounceReason ? <span className="text-red-700">{email.bounceReason}</span> : null}
        {email.status === "QUEUED" && !email.error && email.scheduledAt ? (
          <span>
            Scheduled for <DateTime value={email.scheduledAt} mode="absolute" />
          </span>
        ) : null}
      </p>
      {email.tracked ? (
        <>
          <p>
            {human > 0 ? (
              <>
                Opened {human === 1 ? "once" : `${human} times`}
                {email.firstOpenedAt ? (
                  <>
                    {" "}
                    (first <DateTime value={email.firstOpenedAt} />, last <DateTime value={email.lastOpenedAt ?? email.firstOpenedAt} />)
                  </>
                ) : null}
              </>
            ) : (
              "Not opened yet"
            )}
            {email.proxyOpens > 0 ? ` · ${email.proxyOpens} automatic ${email.proxyOpens === 1 ? "open" : "opens"} by a mail privacy proxy (Apple Mail, Gmail), not counted` : ""}
          </p>
          {clicked.length ? (
            <ul aria-label="Links clicked">
              {clicked.map((l) => (
                <li key={l.i}>
                  Clicked <span className="break-all font-medium">{l.url}</span> {l.clicks === 1 ? "once" : `${l.clicks} times`}
                </li>
              ))}
            </ul>
          ) : email.links.length ? (
            <p>No link clicked yet</p>
          ) : null}
        </>
      ) : (
        <p>Not tracked</p>
      )}
    </div>
  );
}
