export * from './sample-size';
export * from './report';
