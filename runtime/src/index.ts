export type * from './definition.js';
export type * from './client-api.js';
