import { afterAll, inject } from "vitest";
import { closeDb } from "../client";

process.env.APP_DATABASE_URL = inject("appUrl");
process.env.DATABASE_URL = inject("ownerUrl");
process.env.AUTH_SECRET ??= "test-auth-secret-test-auth-secret-0123456789";
process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ??= "1";
process.env.EMAIL_ENCRYPTION_KEY ??= "test-email-key-test-email-key-0123456789";

afterAll(async () => {
  await closeDb();
});
