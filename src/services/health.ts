import { sql } from "kysely";
import type { App } from "./app.js";

export async function pingDatabase(app: App): Promise<void> {
  await sql`select 1`.execute(app.database.db);
}
