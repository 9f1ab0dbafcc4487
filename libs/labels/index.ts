export * from './media';
export * from './layout';
export * from './symbols';
export * from './bitmap';
export * from './png';
export * from './svg';
export * from './escpos';
export * from './zpl';
export { fitText, wrapText } from './text';
