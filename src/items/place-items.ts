import { EntityManager } from 'typeorm';
import { ItemStatus } from './item-status';

/**
 * Gives items their new place, at no location, in one statement: the step that follows appending
 * their events (one each, in the same order), whose hashes become the heads of their chains.
 */
export async function placeItems(
  manager: EntityManager,
  items: { id: string }[],
  events: { hash: string }[],
  place: { status: ItemStatus; siteId?: string },
): Promise<void> {
  if (items.length === 0) return;
  await manager.query(
    `UPDATE items SET status = $3, site_id = coalesce($4, site_id), location_id = NULL, last_event_hash = changed.hash, updated_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS changed(id, hash) WHERE items.id = changed.id`,
    [items.map((item) => item.id), events.map((event) => event.hash), place.status, place.siteId ?? null],
  );
}
