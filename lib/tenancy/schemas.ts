// Zod input schemas for members, invitations, groups, API keys and the profile, shared
// by the server actions, the REST routes and the client forms (no server imports here).
import { z } from "zod";
import { TENANT_ROLES } from "@/db/schema/enums";
import { passwordSchema, storableText } from "@/lib/auth/schemas";
import { ENUM_LABELS } from "@/lib/format/labels";

export const roleSchema = z.enum(TENANT_ROLES, { error: "must be admin, manager, sales_rep or readonly" });
export const ROLE_LABELS: Record<(typeof TENANT_ROLES)[number], string> = ENUM_LABELS.TENANT_ROLES;

const personName = storableText().trim().min(1, "is required").max(120, "must be at most 120 characters");
const email = z.string().trim().toLowerCase().email("must be an email address").max(320);
const userId = z.uuid("must be a user id");

/** "Add user": an invitation for an email and a role, whether or not the email has an account. */
export const inviteSchema = z.object({ email, role: roleSchema });
export type InviteInput = z.input<typeof inviteSchema>;

export const changeRoleSchema = z.object({ userId, role: roleSchema });
export type ChangeRoleInput = z.input<typeof changeRoleSchema>;
export const setActiveSchema = z.object({ userId, active: z.boolean() });

export const revokeInvitationSchema = z.object({ invitationId: z.uuid() });

/** The token in an invitation link: 32 random bytes, base64url. */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "is not a valid invitation link");

/** Accepting as someone new to Stageline: their name and password. (With an account, they sign in and accept as themselves.) */
export const acceptNewUserSchema = z.object({ name: personName, password: passwordSchema });

const groupName = z.string().trim().min(1, "is required").max(80, "must be at most 80 characters");
const description = z.string().trim().max(500, "must be at most 500 characters").nullish();

export const groupCreateSchema = z.object({
  name: groupName,
  description,
  memberUserIds: z.array(userId).max(1000).default([]),
  /** The team's manager (an active member of the workspace, not necessarily of the group). */
  managerUserId: userId.nullish(),
});
export type GroupCreateInput = z.input<typeof groupCreateSchema>;

/** PATCH: every field optional; `memberUserIds` replaces the whole member set. */
export const groupUpdateSchema = z.object({
  name: groupName.optional(),
  description,
  memberUserIds: z.array(userId).max(1000).optional(),
  /** null removes the manager. */
  managerUserId: userId.nullish(),
});
export type GroupUpdateInput = z.input<typeof groupUpdateSchema>;

export const groupIdSchema = z.object({ groupId: z.uuid() });
export const renameGroupSchema = z.object({ groupId: z.uuid(), name: groupName });
export const groupMemberSchema = z.object({ groupId: z.uuid(), userId });
export const groupManagerSchema = z.object({ groupId: z.uuid(), managerUserId: userId.nullable() });

/** `{ name, userId?, role? }`: a key of a user acts as them (their role); a workspace key needs a role. */
export const apiKeyCreateSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
    role: roleSchema.optional(),
    userId: userId.optional(),
  })
  .refine((k) => k.role || k.userId, { path: ["role"], message: "is required for a key that acts as no user" });
export const apiKeyIdSchema = z.object({ apiKeyId: z.uuid() });

export const profileNameSchema = z.object({ name: personName });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "is required").max(1000),
    newPassword: passwordSchema,
  })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ["newPassword"], message: "must differ from the current password" });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
