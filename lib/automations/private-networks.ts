// WEBHOOK_ALLOW_PRIVATE_NETWORKS=1 lets webhooks, the AI worker and mailboxes' SMTP servers reach loopback and
// private addresses (development and tests). Left on in production it opens the SSRF
// guard, so a start says so and Settings → Automations shows it.
import { env } from "@/lib/env";
export const allowPrivateNetworks = () => env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;

export const PRIVATE_NETWORKS_WARNING =
  "WEBHOOK_ALLOW_PRIVATE_NETWORKS=1: webhooks may reach private networks on this server (loopback, private and link-local addresses are not refused). Unset it outside development and tests.";

/** Prints the warning through `print` when the switch is on; answers whether it did. */
export function warnIfPrivateNetworksAllowed(print: (message: string) => void): boolean {
  if (!allowPrivateNetworks()) return false;
  print(`WARNING: ${PRIVATE_NETWORKS_WARNING}`);
  return true;
}
