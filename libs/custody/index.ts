export * from './steps';
export * from './vocabulary';
