import * as argon2 from 'argon2';
import { EntityManager } from 'typeorm';
import { CodeKind } from '../../libs/codes';
import { Role } from '../auth/role';
import { nextCode } from '../common/barcode-numbers';
import { Location, LocationKind } from '../locations/location.entity';
import { Organization } from '../organizations/organization.entity';
import { OrganizationKind } from '../organizations/organization-kind';
import { Printer, PrinterType } from '../printing/printer.entity';
import { Site } from '../sites/site.entity';
import { UserRole } from '../users/user-role.entity';
import { User } from '../users/user.entity';
import { Language } from '../users/language';

export const demoPassword = 'custody-demo';

type Storage = { name: string; kind: LocationKind; children?: Storage[] };

const demoSites: {
  code: string;
  name: string;
  address: string;
  /** Brussels: the police evidence room and the confiscation office print in French, the lab in Dutch, the court in both. */
  documentLanguages: Language[];
  organization: { name: string; kind: OrganizationKind };
  storage: Storage[];
}[] = [
  {
    code: 'POL-BRU',
    documentLanguages: [Language.French],
    name: 'Evidence room, Brussels police zone',
    address: 'Rue Royale 202A, 1000 Bruxelles',
    organization: { name: 'Police zone Brussels-Capital/Ixelles', kind: OrganizationKind.Police },
    storage: [
      {
        name: 'Evidence room',
        kind: LocationKind.Room,
        children: [
          {
            name: 'Shelf A',
            kind: LocationKind.Shelf,
            children: [
              { name: 'Bin A1', kind: LocationKind.Bin },
              { name: 'Bin A2', kind: LocationKind.Bin },
            ],
          },
          { name: 'Shelf B', kind: LocationKind.Shelf, children: [{ name: 'Bin B1', kind: LocationKind.Bin }] },
        ],
      },
      { name: 'Strong room', kind: LocationKind.Room, children: [{ name: 'Safe 1', kind: LocationKind.Shelf }] },
    ],
  },
  {
    code: 'TPI-BRU',
    documentLanguages: [Language.French, Language.Dutch],
    name: 'Registry of exhibits, Court of first instance Brussels',
    address: 'Place Poelaert 1, 1000 Bruxelles',
    organization: { name: 'Court of first instance of Brussels', kind: OrganizationKind.Court },
    storage: [
      {
        name: 'Registry vault',
        kind: LocationKind.Room,
        children: [
          { name: 'Shelf 1', kind: LocationKind.Shelf, children: [{ name: 'Box 1', kind: LocationKind.Bin }] },
          { name: 'Shelf 2', kind: LocationKind.Shelf },
        ],
      },
    ],
  },
  {
    code: 'OCSC',
    documentLanguages: [Language.French],
    name: 'Central office for seizure and confiscation',
    address: 'Boulevard de Waterloo 115, 1000 Bruxelles',
    organization: { name: 'Central Office for Seizure and Confiscation', kind: OrganizationKind.ConfiscationOffice },
    storage: [
      {
        name: 'Vault',
        kind: LocationKind.Room,
        children: [
          { name: 'Cash safe', kind: LocationKind.Shelf },
          { name: 'Valuables cabinet', kind: LocationKind.Shelf },
        ],
      },
    ],
  },
  {
    code: 'INCC',
    documentLanguages: [Language.Dutch],
    name: 'National Institute of Criminalistics and Criminology',
    address: 'Chaussée de Vilvorde 100, 1120 Bruxelles',
    organization: { name: 'National Institute of Criminalistics and Criminology', kind: OrganizationKind.Lab },
    storage: [
      { name: 'Intake', kind: LocationKind.Room, children: [{ name: 'Intake shelf', kind: LocationKind.Shelf }] },
      {
        name: 'Drugs store',
        kind: LocationKind.Room,
        children: [{ name: 'Cabinet 1', kind: LocationKind.Shelf, children: [{ name: 'Drawer 1', kind: LocationKind.Bin }] }],
      },
    ],
  },
];

// the officer works in French and the clerk in Dutch, as many in Brussels do; the others in English
const demoUsers: { username: string; displayName: string; role: Role; site?: string; language?: Language }[] = [
  { username: 'officer', displayName: 'Olivia Officer', role: Role.EvidenceOfficer, site: 'POL-BRU', language: Language.French },
  { username: 'officer2', displayName: 'Omar Officer', role: Role.EvidenceOfficer, site: 'POL-BRU' },
  { username: 'clerk', displayName: 'Claire Clerk', role: Role.RegistryClerk, site: 'TPI-BRU', language: Language.Dutch },
  { username: 'clerk2', displayName: 'Cédric Clerk', role: Role.RegistryClerk, site: 'TPI-BRU' },
  { username: 'confiscation', displayName: 'Conrad Confiscation', role: Role.ConfiscationOfficer, site: 'OCSC' },
  { username: 'confiscation2', displayName: 'Chloé Confiscation', role: Role.ConfiscationOfficer, site: 'OCSC' },
  { username: 'analyst', displayName: 'Anna Analyst', role: Role.LabAnalyst, site: 'INCC' },
  { username: 'analyst2', displayName: 'Arne Analyst', role: Role.LabAnalyst, site: 'INCC' },
  { username: 'auditor', displayName: 'Aude Auditor', role: Role.Auditor },
  { username: 'admin', displayName: 'Adam Admin', role: Role.Admin },
];

export const demoUsernames = demoUsers.map((user) => user.username);

/** One network printer a site, each an emulator on 127.0.0.1 that the server starts with the demo. */
export const demoPrinters: { site: string; name: string; port: number; type: PrinterType; widthMm: number; dpi: number }[] = [
  { site: 'POL-BRU', name: 'Evidence desk (Epson, 80 mm)', port: 9101, type: PrinterType.Epson, widthMm: 80, dpi: 203 },
  { site: 'TPI-BRU', name: 'Registry counter (Zebra, 4×2 in)', port: 9102, type: PrinterType.Zpl, widthMm: 102, dpi: 203 },
  { site: 'OCSC', name: 'Vault desk (Star, 58 mm)', port: 9103, type: PrinterType.Star, widthMm: 58, dpi: 203 },
  { site: 'INCC', name: 'Intake (Zebra, 2×1 in, 300 dpi)', port: 9104, type: PrinterType.Zpl, widthMm: 51, dpi: 300 },
];

export function isEmptyInstallation(manager: EntityManager): Promise<boolean> {
  return manager.exists(Organization).then((any) => !any);
}

/** Loads the demo of DESIGN.md; what already exists (same site code, same username) is left as it is. */
export async function seedDemo(manager: EntityManager): Promise<void> {
  for (const demoSite of demoSites) {
    if (await manager.existsBy(Site, { code: demoSite.code })) continue;
    const organization =
      (await manager.findOneBy(Organization, { name: demoSite.organization.name })) ??
      (await manager.save(Organization, manager.create(Organization, demoSite.organization)));
    const site = await manager.save(
      Site,
      manager.create(Site, {
        code: demoSite.code,
        name: demoSite.name,
        address: demoSite.address,
        documentLanguages: demoSite.documentLanguages,
        organizationId: organization.id,
      }),
    );
    await saveStorage(manager, site.id, null, demoSite.storage);
  }
  for (const printer of demoPrinters) {
    const site = await manager.findOneByOrFail(Site, { code: printer.site });
    if (await manager.existsBy(Printer, { siteId: site.id, name: printer.name })) continue;
    const { site: _site, ...fields } = printer;
    await manager.insert(Printer, { ...fields, siteId: site.id, host: '127.0.0.1' });
  }
  const passwordHash = await argon2.hash(demoPassword);
  for (const demoUser of demoUsers) {
    if (await manager.existsBy(User, { username: demoUser.username })) continue;
    const user = await manager.save(
      User,
      manager.create(User, { username: demoUser.username, displayName: demoUser.displayName, language: demoUser.language ?? Language.English, passwordHash }),
    );
    const site = demoUser.site ? await manager.findOneByOrFail(Site, { code: demoUser.site }) : null;
    await manager.insert(UserRole, { userId: user.id, role: demoUser.role, siteId: site?.id ?? null });
  }
}

async function saveStorage(manager: EntityManager, siteId: string, parentId: string | null, storage: Storage[]): Promise<void> {
  for (const place of storage) {
    const code = await nextCode(manager, CodeKind.Location);
    const location = await manager.save(Location, manager.create(Location, { code, name: place.name, kind: place.kind, siteId, parentId }));
    await saveStorage(manager, siteId, location.id, place.children ?? []);
  }
}
