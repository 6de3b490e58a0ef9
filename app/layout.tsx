import type { Metadata } from "next";
import { Providers } from "@/components/providers";
import "./globals.css";

// Every page is rendered per request: its scripts carry that request's CSP nonce
// (proxy.ts). A page prerendered at build time would carry none, and not run.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Stageline", template: "%s · Stageline" },
  description: "The open-source CRM with a pipeline board whose rules hold.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
