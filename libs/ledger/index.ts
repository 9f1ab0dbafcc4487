export * from './ledger';
export * from './merkle';
