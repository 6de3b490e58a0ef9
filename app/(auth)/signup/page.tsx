import type { Metadata } from "next";
import { SignUpForm } from "./signup-form";

export const metadata: Metadata = { title: "Create a workspace" };

export default function SignUpPage() {
  return <SignUpForm />;
}
