"use client";

import { useQuery } from "@tanstack/react-query";
import { useLiveEvents } from "@/components/live/live-events";
import type { LiveClientMessage } from "@/lib/live/topics";
import { leadScoreAction } from "@/lib/scoring/actions";
import type { leadScoreJson } from "@/lib/scoring/json";
import { Panel } from "./panels";

type Score = ReturnType<typeof leadScoreJson>;

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "0");

/**
 * The lead's score and why: each matching rule and activity line with its points. It
 * follows the lead's live events (a rescore emits lead.scored), so a change shows by itself.
 */
export function LeadScorePanel({ id, initial }: { id: string; initial: Score }) {
  const { data, refetch } = useQuery({
    queryKey: ["lead-score", id],
    queryFn: async () => (await leadScoreAction({ leadId: id }))?.data ?? initial,
    initialData: initial,
  });
  useLiveEvents(`records:LEAD`, () => void refetch(), { accept: (m: LiveClientMessage) => "entityId" in m && m.entityId === id });
  const score = data ?? initial;
  return (
    <Panel title="Score" id="score-heading">
      <p className="flex items-baseline gap-2">
        <span className="text-3xl font-semibold text-slate-900" aria-label={`Score ${score.score} of 100`}>
          {score.score}
        </span>
        <span className="text-sm text-slate-500">of 100</span>
      </p>
      {score.breakdown.length ? (
        <ul aria-label="Score breakdown" className="mt-2 space-y-1 text-sm">
          {score.breakdown.map((l, i) => (
            <li key={`${l.label}-${i}`} className="flex justify-between gap-3">
              <span className="text-slate-700">{l.label}</span>
              <span className={l.points < 0 ? "font-medium text-red-700" : "font-medium text-emerald-700"}>{signed(l.points)}</span>
            </li>
          ))}
          {score.total !== score.score ? (
            <li className="border-t border-slate-100 pt-1 text-xs text-slate-500">
              Total {signed(score.total)}, kept between 0 and 100
            </li>
          ) : null}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-600">No scoring rule or activity counts for this lead yet.</p>
      )}
    </Panel>
  );
}
