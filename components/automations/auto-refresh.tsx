"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While executions are still pending or running, re-reads the page every few seconds so they settle on screen. */
export function AutoRefresh({ active, everyMs = 2000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(t);
  }, [active, everyMs, router]);
  return null;
}
