export * from './diagnostics/diagnostic.js';
export * from './diagnostics/errors.js';
