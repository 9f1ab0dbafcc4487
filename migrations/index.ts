import { Foundation1795460043691 } from './1795460043691-Foundation';

/** Every migration, oldest first. A committed migration is never edited: add a new one below. */
export const allMigrations = [Foundation1795460043691];
