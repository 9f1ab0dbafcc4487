/** Where an item stands; each change of it is a custody event. */
export enum ItemStatus {
  InCustody = 'in_custody',
  InTransit = 'in_transit',
  CheckedOut = 'checked_out',
  Missing = 'missing',
  Disposed = 'disposed',
}

export enum ItemCategory {
  Drugs = 'drugs',
  Cash = 'cash',
  Firearm = 'firearm',
  Valuables = 'valuables',
  Document = 'document',
  DigitalDevice = 'digital_device',
  Vehicle = 'vehicle',
  Other = 'other',
}
