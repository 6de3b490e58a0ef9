"use server";
// Server actions of the workspace's people and access: Settings → Users (invitations,
// roles, deactivation), Groups and API keys, and accepting an invitation. Accepting is
// public (the person may have no account yet): like sign-up, its form posts FormData
// through useActionState and gets a FormState back.
import "server-only";
import { AuthError } from "next-auth";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import { signIn, unstable_update } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { fieldErrorsOf, type FormState } from "@/lib/auth/schemas";
import { getSession } from "@/lib/auth/session";
import { AppError, type ValidationIssue } from "@/lib/errors";
import { tenantAction } from "@/lib/safe-action";
import { z } from "zod";
import { RECORD_KIND_VALUES } from "@/lib/records/kinds";
import { explainRecordAccess, recordsVisibleTo } from "./access-explain";
import { putAccessPolicy } from "./access-policy";
import { accessPolicySchema } from "./access-schemas";
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, updateGroup } from "./groups";
import { acceptInvitationAsNewUser, acceptInvitationAsUser, createInvitation, revokeInvitation } from "./invitations";
import { changeMemberRole, setMemberActive } from "./members";
import {
  acceptNewUserSchema,
  apiKeyCreateSchema,
  apiKeyIdSchema,
  changeRoleSchema,
  groupCreateSchema,
  groupIdSchema,
  groupManagerSchema,
  groupMemberSchema,
  inviteSchema,
  renameGroupSchema,
  revokeInvitationSchema,
  setActiveSchema,
} from "./schemas";

const USERS = "/settings/users";
const GROUPS = "/settings/groups";
const API_KEYS = "/settings/api-keys";

// ---- Users

/**
 * "Add user": always an invitation. The answer has the same fields whatever the email —
 * new to Stageline or with an account in some workspace — so it tells the admin nothing
 * about other workspaces. The token is returned once: the dialog builds the link from it.
 */
export const inviteAction = tenantAction
  .metadata({ permission: "users.manage" })
  .inputSchema(inviteSchema)
  .action(async ({ parsedInput, ctx }) => {
    const inv = await createInvitation(ctx.tenant, parsedInput);
    revalidatePath(USERS);
    return { status: "invited" as const, token: inv.token, email: inv.email, role: inv.role, expiresAt: inv.expiresAt.toISOString() };
  });

export const revokeInvitationAction = tenantAction
  .metadata({ permission: "users.manage" })
  .inputSchema(revokeInvitationSchema)
  .action(async ({ parsedInput, ctx }) => {
    await revokeInvitation(ctx.tenant, parsedInput);
    revalidatePath(USERS);
  });

export const changeRoleAction = tenantAction
  .metadata({ permission: "users.manage" })
  .inputSchema(changeRoleSchema)
  .action(async ({ parsedInput, ctx }) => {
    const m = await changeMemberRole(ctx.tenant, parsedInput);
    revalidatePath(USERS);
    return { role: m.role };
  });

export const setActiveAction = tenantAction
  .metadata({ permission: "users.manage" })
  .inputSchema(setActiveSchema)
  .action(async ({ parsedInput, ctx }) => {
    const m = await setMemberActive(ctx.tenant, parsedInput);
    revalidatePath(USERS);
    return { isActive: m.isActive };
  });

// ---- Groups

export const createGroupAction = tenantAction
  .metadata({ permission: "groups.manage" })
  .inputSchema(groupCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const g = await createGroup(ctx.tenant, parsedInput);
    revalidatePath(GROUPS);
    return { id: g.id };
  });

export const renameGroupAction = tenantAction
  .metadata({ permission: "groups.manage" })
  .inputSchema(renameGroupSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateGroup(ctx.tenant, parsedInput.groupId, { name: parsedInput.name });
    revalidatePath(GROUPS);
  });

// ---- Access policy

/** Settings → Access: replaces the policy's rows it names (PUT /access-policy's shape). */
export const putAccessPolicyAction = tenantAction
  .metadata({ permission: "users.manage" })
  .inputSchema(accessPolicySchema)
  .action(async ({ parsedInput, ctx }) => {
    await putAccessPolicy(ctx.tenant, parsedInput);
    revalidatePath("/settings/access");
  });

/** Settings → Groups: the team's manager (null: none). */
export const setGroupManagerAction = tenantAction
  .metadata({ permission: "groups.manage" })
  .inputSchema(groupManagerSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateGroup(ctx.tenant, parsedInput.groupId, { managerUserId: parsedInput.managerUserId });
    revalidatePath(GROUPS);
  });

export const deleteGroupAction = tenantAction
  .metadata({ permission: "groups.manage" })
  .inputSchema(groupIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    await deleteGroup(ctx.tenant, parsedInput.groupId);
    revalidatePath(GROUPS);
  });

export const addGroupMemberAction = tenantAction
  .metadata({ permission: "groups.manage" })
  .inputSchema(groupMemberSchema)
  .action(async ({ parsedInput, ctx }) => {
    await addGroupMember(ctx.tenant, parsedInput);
    revalidatePath(GROUPS);
  });

export const removeGroupMemberAction = tenantAction
  .metadata({ permission: "groups.manage" })
  .inputSchema(groupMemberSchema)
  .action(async ({ parsedInput, ctx }) => {
    await removeGroupMember(ctx.tenant, parsedInput);
    revalidatePath(GROUPS);
  });

// ---- API keys

/** Returns the plaintext key this once; only its hash is stored. */
export const createApiKeyAction = tenantAction
  .metadata({ permission: "apiKeys.manage" })
  .inputSchema(apiKeyCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const created = await createApiKey(ctx.tenant, parsedInput);
    revalidatePath(API_KEYS);
    return { id: created.id, name: created.name, role: created.role, key: created.key };
  });

export const revokeApiKeyAction = tenantAction
  .metadata({ permission: "apiKeys.manage" })
  .inputSchema(apiKeyIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    await revokeApiKey(ctx.tenant, parsedInput.apiKeyId);
    revalidatePath(API_KEYS);
  });

// ---- Accepting an invitation (/invite/<token>)

function errorState(err: unknown, values?: Record<string, string>): FormState {
  if (!(err instanceof AppError)) throw err;
  const issues = err.extensions.errors as ValidationIssue[] | undefined;
  if (issues?.length) return { fieldErrors: Object.fromEntries(issues.map((i) => [i.path, i.message])), values };
  return { error: err.code === "not-found" ? "This invitation link is not valid: ask an admin for a new one" : err.message, values };
}

/**
 * Public (no session): someone new to Stageline creates their account from the link, and
 * is signed in to the invitation's workspace. An email that has an account is refused by
 * the service: that person signs in and accepts below.
 */
export async function acceptAsNewUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  const token = String(form.get("token") ?? "");
  const raw = { name: String(form.get("name") ?? ""), password: String(form.get("password") ?? "") };
  const values = { name: raw.name };
  const parsed = acceptNewUserSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };

  let accepted: { tenantId: string; email: string };
  try {
    accepted = await acceptInvitationAsNewUser(token, parsed.data, { address: clientAddress(await headers()) });
  } catch (err) {
    return errorState(err, values);
  }
  try {
    await signIn("credentials", { email: accepted.email, password: parsed.data.password, tenantId: accepted.tenantId, redirectTo: "/contacts" });
  } catch (err) {
    // signIn throws NEXT_REDIRECT on success: only AuthError is ours to handle.
    if (err instanceof AuthError) return { error: "You joined the workspace, but signing in failed: sign in on the login page" };
    throw err;
  }
  return undefined;
}

/** The signed-in user accepts as themselves (the service checks the invitation is for their email), then works in that workspace. */
export async function acceptAsSignedInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const session = await getSession();
  if (!session) return { error: "Your session has ended: sign in again" };
  let tenantId: string;
  try {
    ({ tenantId } = await acceptInvitationAsUser(String(form.get("token") ?? ""), session.user.id));
  } catch (err) {
    return errorState(err);
  }
  await unstable_update({ tenantId });
  redirect("/contacts");
}

// ---- "Why can I see this?" (the record page, admins)

const recordRef = z.object({ kind: z.enum(RECORD_KIND_VALUES), id: z.uuid() });

export const explainRecordAccessAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(recordRef)
  .action(({ parsedInput, ctx }) => explainRecordAccess(ctx.tenant, parsedInput.kind, parsedInput.id));

export const recordsVisibleToAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(z.object({ kind: z.enum(RECORD_KIND_VALUES), userId: z.uuid() }))
  .action(({ parsedInput, ctx }) => recordsVisibleTo(ctx.tenant, parsedInput.userId, parsedInput.kind));
