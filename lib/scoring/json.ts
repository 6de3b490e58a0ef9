import type { ScoreResult } from "./rules";

/** GET /leads/{id}/score: the score now, the breakdown summing to `total` (before clamping), and the stored score. */
export const leadScoreJson = (r: ScoreResult & { stored: number }) => ({
  score: r.score,
  total: r.total,
  stored: r.stored,
  breakdown: r.breakdown.map((l) => ({ label: l.label, points: l.points })),
});
