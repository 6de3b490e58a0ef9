// The e2e team: one user per role, made once per run through the tenancy services and
// signed in once each through the login page (e2e/team.setup.ts, the "setup" project).
// Their browser state (the session cookie) is saved, so a spec starts signed in.
//
// A session's JWT names a user and a workspace; the server re-checks both on every
// request. The same user may be signed in at once in many browsers, each in another
// workspace: e2e/workspace.ts gives every test a workspace of its own and moves the
// saved session into it. So these users must keep their password and their sessions:
// a test that signs out or changes a password uses an account of its own (signUpTenant).
import { readFileSync } from "node:fs";
import path from "node:path";

export const TEAM_ROLES = ["admin", "manager", "sales_rep", "readonly"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const TEAM_NAMES: Record<TeamRole, string> = {
  admin: "Ada Admin",
  manager: "Mona Manager",
  sales_rep: "Rita Rep",
  readonly: "Remy Reader",
};

export interface TeamMember {
  role: TeamRole;
  userId: string;
  name: string;
  email: string;
  password: string;
  /** The saved browser state of this user's one sign-in. */
  storageState: string;
}

export const TEAM_DIR = path.join(".test-data", "e2e-team");
export const TEAM_FILE = path.join(TEAM_DIR, "team.json");

let team: Record<TeamRole, TeamMember> | undefined;

/** The team the setup project made in this run. */
export function readTeam(): Record<TeamRole, TeamMember> {
  team ??= JSON.parse(readFileSync(TEAM_FILE, "utf8")) as Record<TeamRole, TeamMember>;
  return team;
}
