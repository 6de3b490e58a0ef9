import type { Metadata, Viewport } from "next";
import { Providers } from "@/components/providers";
import "./globals.css";

// Every page is rendered per request: its scripts carry that request's CSP nonce
// (proxy.ts). A page prerendered at build time would carry none, and not run.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Stageline", template: "%s · Stageline" },
  description: "The open-source CRM with a pipeline board whose rules hold.",
  applicationName: "Stageline",
  manifest: "/manifest.webmanifest",
  icons: { icon: [{ url: "/icon.svg", type: "image/svg+xml" }, { url: "/icon-192.png", sizes: "192x192", type: "image/png" }], apple: "/apple-touch-icon.png" },
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { themeColor: "#4f46e5" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
