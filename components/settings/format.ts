import { format } from "date-fns";
import { ROLE_LABELS } from "@/lib/tenancy/schemas";
import type { Role } from "@/lib/auth/permissions";

export const formatDate = (d: Date | string | null | undefined) => (d ? format(new Date(d), "yyyy-MM-dd") : "—");
export const formatDateTime = (d: Date | string | null | undefined) => (d ? format(new Date(d), "yyyy-MM-dd HH:mm") : "—");
export const roleLabel = (r: Role) => ROLE_LABELS[r];
export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((value) => ({ value, label: ROLE_LABELS[value] }));
