"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { useState } from "react";
import { Toaster } from "sonner";
import { LiveEventsProvider } from "@/components/live/live-events";

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={client}>
      <NuqsAdapter>
        <LiveEventsProvider>{children}</LiveEventsProvider>
      </NuqsAdapter>
      <Toaster richColors position="bottom-right" closeButton />
    </QueryClientProvider>
  );
}
