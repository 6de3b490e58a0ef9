import { apiRoute } from "@/lib/api/handler";
import { listMembers } from "@/lib/tenancy/members";

export const dynamic = "force-dynamic";

/** GET /api/v1/users — the tenant's members (active and deactivated). */
export const GET = apiRoute("users.read", async ({ ctx }) => {
  const members = await listMembers(ctx);
  return {
    data: members.map((m) => ({ id: m.userId, email: m.email, name: m.name, role: m.role, isActive: m.isActive, joinedAt: m.joinedAt, deactivatedAt: m.deactivatedAt })),
    nextCursor: null,
  };
});
