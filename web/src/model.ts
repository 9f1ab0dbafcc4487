/** The shapes the API answers with, named as the screens use them: all taken from the generated OpenAPI types. */
import type { components } from './api-schema';

export type Schemas = components['schemas'];
export type SignedIn = Schemas['LoginResponseDoc'];
export type User = Schemas['ActorDoc'];
export type Role = User['roles'][number]['role'];
export type Language = User['language'];
export const languages: Language[] = ['en', 'fr', 'nl'];

export type Item = Schemas['ItemDoc'];
export type Category = Item['category'];
export const categories: Category[] = ['drugs', 'cash', 'firearm', 'valuables', 'document', 'digital_device', 'vehicle', 'other'];
export type ItemStatus = Item['status'];
export const statuses: ItemStatus[] = ['in_custody', 'in_transit', 'checked_out', 'missing', 'disposed'];

export type CustodyPolicy = Schemas['CustodyPolicyDoc'];
export type Step = Schemas['StepDoc']['step'];

/** Whether the server will ask a witness for this step on items of these categories; before the policy is loaded, the server's WITNESS_REQUIRED says so. */
export function witnessNeeded(policy: CustodyPolicy | null, step: Step | null, itemCategories: Category[]): boolean {
  const rule = policy?.steps.find((each) => each.step === step);
  if (!policy || !rule?.witnessed) return false;
  return rule.witness === 'always' || itemCategories.some((category) => policy.witnessCategories.includes(category));
}

export type ScanResult = Schemas['ScanResultDoc'];
export type Transfer = Schemas['TransferDoc'];
export type Printer = Schemas['PrinterDoc'];
export type PrintJob = Schemas['PrintJobDoc'];
export type Location = Schemas['LocationNodeDoc'];
