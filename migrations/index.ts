import { Foundation1795460043691 } from './1795460043691-Foundation';
import { SeizuresItemsLedger1795461241025 } from './1795461241025-SeizuresItemsLedger';

/** Every migration, oldest first. A committed migration is never edited: add a new one below. */
export const allMigrations = [Foundation1795460043691, SeizuresItemsLedger1795461241025];
