import { redirect } from "next/navigation";
import { getSession } from "@/lib/auth/session";

export default async function Home() {
  redirect((await getSession()) ? "/contacts" : "/login");
}
