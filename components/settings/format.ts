import type { Role } from "@/lib/auth/permissions";
import { enumOptions, labelFor } from "@/lib/format/labels";

export const roleLabel = (r: Role) => labelFor("TENANT_ROLES", r);
export const ROLE_OPTIONS = enumOptions("TENANT_ROLES");
