"use server";
// Server actions of the getting-started checklist (components/onboarding).
import "server-only";
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/safe-action";
import { dismissGettingStarted } from "./getting-started";
import { loadDemoData } from "./load-demo-data";

export const dismissGettingStartedAction = tenantAction.metadata({ permission: "settings.manage" }).action(async ({ ctx }) => {
  await dismissGettingStarted(ctx.tenant);
  revalidatePath("/", "layout");
});

export const loadDemoDataAction = tenantAction.metadata({ permission: "settings.manage" }).action(async ({ ctx }) => {
  await loadDemoData(ctx.tenant);
  revalidatePath("/", "layout");
});
