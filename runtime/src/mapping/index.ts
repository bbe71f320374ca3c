/**
 * Field mapping: declarative definitions (YAML, JSON or typed TypeScript) compiled once to a
 * function from a source record to a mapped record or its field errors.
 *
 *   const map = compileMapping(parseMapping(yamlText));
 *   const result = map(record);   // { ok: true, value } | { ok: false, errors: FieldError[] }
 */
export { compileMapping, type CustomTransform, type MappingOptions } from './compile.js';
export { MappingDefinitionError, TransformFailure, OptionError, type MappingErrorCode } from './errors.js';
export { loadMapping, parseMapping } from './load.js';
export { mapAll, mapRecords, type BatchItem, type BatchSummary } from './batch.js';
export { defineMapping, type ActionInput, type ActionRecord, type PathOf, type TypedFieldMapping, type TypedMapping, type TypedMappingDefinition } from './typed.js';
export { BUILTIN_TRANSFORMS } from './transforms/registry.js';
export type { Transform, TransformContext, TransformFn, TransformOptions } from './transforms/transform.js';
export { BUILTIN_VALIDATORS } from './validators/rules.js';
export type { Check, Validator, ValidatorOptions } from './validators/validator.js';
export type { FieldError, FieldMapping, MapResult, MappingDefinition, MappingFunction, TransformStep, ValidationSpec } from './types.js';
