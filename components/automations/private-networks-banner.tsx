// Server component: Settings → Automations says when the SSRF guard is open on this
// server (WEBHOOK_ALLOW_PRIVATE_NETWORKS=1), a development switch easy to leave on.
import { TriangleAlert } from "lucide-react";
import { allowPrivateNetworks } from "@/lib/automations/private-networks";

export function PrivateNetworksBanner() {
  if (!allowPrivateNetworks()) return null;
  return (
    <p role="alert" className="mb-4 flex items-start gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-300">
      <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>
        <strong className="font-semibold">Webhooks may reach private networks on this server.</strong> WEBHOOK_ALLOW_PRIVATE_NETWORKS=1 is set, so webhooks and AI workers may call loopback, private and link-local addresses. It is meant for development and tests only: ask whoever runs this server to unset it.
      </span>
    </p>
  );
}
