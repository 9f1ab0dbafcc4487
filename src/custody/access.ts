import { ItemStatus, SiteAction } from '../../libs/custody';
import { Actor, hasRole } from '../auth/actor';
import { isSiteRole, Role, siteRoles } from '../auth/role';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';

/**
 * The one access module: who sees which sites, who may read an item or a transfer, and who may do
 * which site action where. Services ask here on their first line; nothing re-derives these rules.
 */

/** The site roles that may do each action. Auditors and administrators never act on evidence; auditors may take inventory anywhere, administrators bring in the items held before Custody. */
const rolesFor: Readonly<Record<SiteAction, readonly Role[]>> = {
  [SiteAction.RegisterSeizure]: [Role.EvidenceOfficer],
  [SiteAction.StoreItems]: siteRoles,
  [SiteAction.SendTransfer]: siteRoles,
  [SiteAction.ReceiveTransfer]: siteRoles,
  [SiteAction.CheckOut]: siteRoles,
  [SiteAction.CheckIn]: siteRoles,
  [SiteAction.TakeSample]: siteRoles,
  [SiteAction.Reseal]: siteRoles,
  [SiteAction.Dispose]: siteRoles,
  [SiteAction.ScheduleReview]: siteRoles,
  [SiteAction.PrintLabels]: siteRoles,
  [SiteAction.Audit]: siteRoles,
  // nobody by a site role: administrators, at every site
  [SiteAction.ImportItems]: [],
};

/** Roles that may do an action at every site, whatever their site roles. */
const everywhere: Readonly<Partial<Record<SiteAction, readonly Role[]>>> = {
  [SiteAction.Audit]: [Role.Auditor],
  [SiteAction.ImportItems]: [Role.Admin],
};

/** The roles a route that does this admits; the service then asks `requireAction` at the site. */
export function rolesThatCan(action: SiteAction): Role[] {
  return [...new Set([...rolesFor[action], ...(everywhere[action] ?? [])])];
}

/** Auditors and administrators see every site; everyone else the sites they hold a role at. */
export function readsEverySite(actor: Actor): boolean {
  return hasRole(actor, Role.Auditor) || hasRole(actor, Role.Admin);
}

/** The sites the actor holds a site role at. */
export function siteIdsOf(actor: Actor): string[] {
  return [...new Set(actor.roles.filter((held) => isSiteRole(held.role) && held.siteId).map((held) => held.siteId!))];
}

/** The sites an actor's queries are limited to: null for those who see every site. */
export function siteScope(actor: Actor): string[] | null {
  return readsEverySite(actor) ? null : siteIdsOf(actor);
}

/**
 * The site scope of a query as SQL: `TRUE` for those who see every site, else the column limited
 * to the actor's sites. `parameter` adds a query parameter and answers its placeholder.
 */
export function siteCondition(actor: Actor, column: string, parameter: (value: unknown) => string): string {
  const scope = siteScope(actor);
  return scope === null ? 'TRUE' : `${column} = ANY(${parameter(scope)}::uuid[])`;
}

export function mayReadSite(actor: Actor, siteId: string): boolean {
  return readsEverySite(actor) || siteIdsOf(actor).includes(siteId);
}

/** An item is read by the people of its site, and by those of the site it is on its way to while in transit (reading only). */
export function mayReadItem(actor: Actor, item: { siteId: string; status: ItemStatus; transferToSiteId: string | null }): boolean {
  if (mayReadSite(actor, item.siteId)) return true;
  return item.status === ItemStatus.InTransit && item.transferToSiteId !== null && mayReadSite(actor, item.transferToSiteId);
}

/** The sending site sees its transfers; the receiving site once they are dispatched (drafts and cancelled drafts are the sender's business). */
export function mayReadTransfer(actor: Actor, transfer: { fromSiteId: string; toSiteId: string; dispatched: boolean }): boolean {
  return mayReadSite(actor, transfer.fromSiteId) || (transfer.dispatched && mayReadSite(actor, transfer.toSiteId));
}

/** Whether the actor may do this at that very site. */
export function mayAct(actor: Actor, action: SiteAction, siteId: string): boolean {
  if (actor.roles.some((held) => (everywhere[action] ?? []).includes(held.role))) return true;
  return actor.roles.some((held) => held.siteId === siteId && rolesFor[action].includes(held.role));
}

/** Refuses, with 403, an action the actor may not do at the site (the caller has made sure they may see it). */
export function requireAction(actor: Actor, action: SiteAction, site: { id: string; code: string }, doing: string): void {
  if (!mayAct(actor, action, site.id)) throw new CustodyError(CustodyErrorCode.Forbidden, `your roles at ${site.code} do not allow ${doing}`);
}

/** The sites where the actor may do an action. */
export function sitesWhereActorMay(actor: Actor, action: SiteAction): string[] {
  return siteIdsOf(actor).filter((siteId) => mayAct(actor, action, siteId));
}

/**
 * Printing labels on a site's printers: the people of the site print every label; administrators,
 * who set up locations and printers, print location labels only.
 */
export function mayPrintLabels(actor: Actor, siteId: string, evidence: boolean): boolean {
  if (mayAct(actor, SiteAction.PrintLabels, siteId)) return true;
  return hasRole(actor, Role.Admin) && !evidence;
}
