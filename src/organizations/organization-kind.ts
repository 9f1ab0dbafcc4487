/** What an organization is, in the justice chain. */
export enum OrganizationKind {
  Police = 'police',
  Court = 'court',
  ConfiscationOffice = 'confiscation_office',
  Lab = 'lab',
}
