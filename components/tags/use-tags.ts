"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";

export interface TagOption {
  id: string;
  name: string;
  color: string;
  category: string | null;
}

export const tagKeys = { all: ["tags"] as const };

/** The tenant's tags (GET /api/v1/tags), and a name → colour map for badges. */
export function useTags(enabled = true) {
  const query = useQuery({
    queryKey: tagKeys.all,
    enabled,
    queryFn: async ({ signal }) => {
      const res = await fetch("/api/v1/tags", { signal, headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(`Could not load tags (${res.status})`);
      return ((await res.json()) as { data: TagOption[] }).data;
    },
  });
  const colors = useMemo(() => new Map((query.data ?? []).map((t) => [t.name, t.color])), [query.data]);
  return { ...query, tags: query.data ?? [], colors };
}
