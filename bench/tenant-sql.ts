import type postgres from "postgres";

/** Raw SQL on the app role under the same RLS setting the services use. */
export async function rawInTenant<T>(app: postgres.Sql, tenantId: string, fn: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  return (await app.begin(async (tx) => {
    await tx`select set_config('app.tenant_id', ${tenantId}, true)`;
    return fn(tx);
  })) as T;
}
