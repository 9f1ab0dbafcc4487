export * from './bundle';
export * from './checkpoint';
export * from './ledger';
export * from './merkle';
