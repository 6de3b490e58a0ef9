"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Hit } from "./kinds";

export const searchKeys = {
  all: ["search"] as const,
  query: (q: string, limit: number) => ["search", q, limit] as const,
};

/** The value once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

async function fetchHits(q: string, limit: number, signal: AbortSignal): Promise<Hit[]> {
  const res = await fetch(`/api/v1/search?q=${encodeURIComponent(q)}&limit=${limit}`, { signal, headers: { accept: "application/json" } });
  if (!res.ok) {
    const problem = (await res.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `Search failed (${res.status})`);
  }
  return ((await res.json()) as { data: Hit[] }).data;
}

/** Search hits for the typed text, debounced; a superseded request is aborted. */
export function useSearch(text: string, { limit = 5, debounceMs = 150 } = {}) {
  const q = useDebounced(text.trim(), debounceMs);
  const settled = q === text.trim();
  const query = useQuery({
    queryKey: searchKeys.query(q, limit),
    queryFn: ({ signal }) => fetchHits(q, limit, signal),
    enabled: q.length > 0,
    staleTime: 10_000,
  });
  return { q, settled, ...query };
}
