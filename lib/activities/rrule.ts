// rrule ships an ES module build (the "module" field, used by Next and Vitest) and a UMD
// build (the "main" field, all that plain Node ESM sees, e.g. the worker under tsx).
// Take RRule from whichever shape was loaded, so the same code runs in both.
import * as rrule from "rrule";

type RRuleModule = typeof import("rrule");
const mod: RRuleModule = "RRule" in rrule && rrule.RRule ? rrule : (rrule as unknown as { default: RRuleModule }).default;

export const RRule = mod.RRule;
export type RRule = InstanceType<RRuleModule["RRule"]>;
