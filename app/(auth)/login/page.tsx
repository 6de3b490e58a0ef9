import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNext } from "@/lib/auth/next-path";
import { getSession } from "@/lib/auth/session";
import { LoginForm } from "@/components/auth/login-form";

export const metadata: Metadata = { title: "Sign in" };

// The same words for every sign-up, whether or not the email already had an account.
const NOTICES: Record<string, string> = {
  "signed-up":
    "Sign in with the email and password you just entered to open your new workspace. If that email already had a Stageline account, nothing was changed: sign in with its own password.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; notice?: string }> }) {
  const { next, notice } = await searchParams;
  if (await getSession()) redirect(safeNext(next));
  return <LoginForm next={next} notice={notice ? NOTICES[notice] : undefined} />;
}
