import { Actor } from './actor';
import { Role, siteRoles } from './role';

/** What can be done to evidence at a site, and which site roles may do it. Reading is decided by `canReadSite`. */
export enum SiteAction {
  RegisterSeizure = 'register_seizure',
  MoveItem = 'move_item',
  /** Draft, change, cancel and dispatch transfers from the site. */
  SendTransfer = 'send_transfer',
  /** Scan in and close transfers addressed to the site. */
  ReceiveTransfer = 'receive_transfer',
  /** Take inventory of the site's storage (auditors may, at every site). */
  Audit = 'audit',
  /** Print labels on the site's printers. */
  PrintLabels = 'print_labels',
}

const rolesFor: Record<SiteAction, readonly Role[]> = {
  [SiteAction.RegisterSeizure]: [Role.EvidenceOfficer],
  [SiteAction.MoveItem]: siteRoles,
  [SiteAction.SendTransfer]: siteRoles,
  [SiteAction.ReceiveTransfer]: siteRoles,
  [SiteAction.PrintLabels]: siteRoles,
  [SiteAction.Audit]: siteRoles,
};

/** Whether the actor holds, at that very site, a role allowed to do this. Auditors and administrators never act on evidence. */
export function canActAt(actor: Actor, action: SiteAction, siteId: string): boolean {
  return actor.roles.some((held) => held.siteId === siteId && rolesFor[action].includes(held.role));
}

/** The roles a route that does this admits; the service then checks the site. */
export function rolesThatCan(action: SiteAction): Role[] {
  return [...rolesFor[action]];
}
