// The Team page's state in the URL (nuqs parsers, client-safe): `?period=` a preset or
// "custom" with `from` / `to` (YYYY-MM-DD, inclusive), and `group=` a group's id.
import { createLoader, createSerializer, parseAsString, parseAsStringLiteral, type inferParserType } from "nuqs/server";
import { z } from "zod";
import { isValidDate } from "@/lib/custom-fields/rules";
import { parseAsZod } from "@/lib/search-params";
import { PERIOD_PRESETS, type PeriodPreset } from "./schemas";

export const teamUrlParsers = {
  period: parseAsStringLiteral([...PERIOD_PRESETS, "custom"] as const).withDefault("thisMonth"),
  from: parseAsString.withDefault(""),
  to: parseAsString.withDefault(""),
  group: parseAsZod(z.uuid()),
};

export const loadTeamUrl = createLoader(teamUrlParsers);
export const teamQueryString = createSerializer(teamUrlParsers);

/** The period the report uses, and why the URL's custom range was not (then this month). */
export function teamPeriod(url: inferParserType<typeof teamUrlParsers>): { preset?: PeriodPreset; from?: string; to?: string; error: string | null } {
  if (url.period !== "custom") return { preset: url.period, error: null };
  if (!isValidDate(url.from) || !isValidDate(url.to)) return { preset: "thisMonth", error: "Choose both dates of the custom range; showing this month." };
  if (url.from > url.to) return { preset: "thisMonth", error: "The custom range ends before it starts; showing this month." };
  return { from: url.from, to: url.to, error: null };
}
