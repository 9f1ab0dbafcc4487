/** Every role a user can hold. The first four are held at a site; the last two everywhere. */
export enum Role {
  EvidenceOfficer = 'evidence_officer',
  RegistryClerk = 'registry_clerk',
  ConfiscationOfficer = 'confiscation_officer',
  LabAnalyst = 'lab_analyst',
  Auditor = 'auditor',
  Admin = 'admin',
}

export const allRoles = Object.values(Role);
export const siteRoles: readonly Role[] = [Role.EvidenceOfficer, Role.RegistryClerk, Role.ConfiscationOfficer, Role.LabAnalyst];
export const globalRoles: readonly Role[] = [Role.Auditor, Role.Admin];

export function isSiteRole(role: Role): boolean {
  return siteRoles.includes(role);
}
