import type { Kysely, Transaction } from "kysely";
import type { Schema } from "../../store/index.js";

/** The database or the transaction a step runs in. */
export type Db = Kysely<Schema> | Transaction<Schema>;
