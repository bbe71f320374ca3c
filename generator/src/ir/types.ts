/**
 * The intermediate representation of a connector: what every stage after `convert` reads (emit,
 * manifest, diff). Built once from the bundled OpenAPI 3 document plus the optional connector.yaml.
 *
 * Rules this file keeps:
 * - plain data only: no classes, no functions, no `undefined` inside arrays; `JSON.stringify` of an IR
 *   is its full content, and two builds of the same input are deep-equal and JSON-identical;
 * - every collection has a defined order: operations by path then method, schemas by name, responses
 *   by status, parameters by location then path-template position or name; object properties and enum
 *   values keep the order the spec declares (the one place where spec order is what a reader expects);
 * - every name that ends up as an identifier in generated code (action names, schema names, input
 *   keys) is already a safe, unique TypeScript identifier here, so emitters never sanitise names.
 *   Free text (descriptions, enum values, defaults, examples) is NOT sanitised here: printers escape it
 *   for the context it lands in (`emit/types/print-type.ts`).
 */
import type {
  AuthConfig,
  BodyEncoding,
  HttpMethod,
  PaginationConfig,
  ParameterSpec,
  RateLimitConfig,
  ResponseKind,
  RetryConfig,
} from '@connectgen/runtime';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Bumped when the IR shape changes in a way `diff` must know about. */
export const IR_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** A JSON value as found in a spec (`default`, `example`, `const`, enum members). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Reference to a named type: `SchemaIR.name` of an entry in `ConnectorIR.schemas`. */
export interface RefType {
  readonly kind: 'ref';
  readonly name: string;
}

/**
 * Validation keywords the TypeScript type cannot express, in JSON Schema 2020-12 form (a 3.0
 * boolean `exclusiveMinimum` becomes the number). They reach the manifest's input and output
 * schemas, where platforms validate user input before calling the API.
 */
export interface Constraints {
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
}

export interface StringType {
  readonly kind: 'string';
  /** Allowed values in spec order; printed as a union of string literals. */
  readonly enum?: readonly string[];
  /** `date-time`, `uuid`, `email`...: documentation only, the TypeScript type stays `string`. */
  readonly format?: string;
  readonly constraints?: Pick<Constraints, 'pattern' | 'minLength' | 'maxLength'>;
}

export interface NumberType {
  readonly kind: 'number' | 'integer';
  readonly enum?: readonly number[];
  readonly format?: string;
  readonly constraints?: Pick<Constraints, 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum' | 'multipleOf'>;
}

export interface BooleanType {
  readonly kind: 'boolean';
}

export interface NullType {
  readonly kind: 'null';
}

/** Anything: an empty schema, or a construct we could not type (a diagnostic says which). */
export interface UnknownType {
  readonly kind: 'unknown';
}

/** Raw bytes: `type: string, format: binary` (3.0) or `contentMediaType` / a binary media type (3.1). */
export interface BinaryType {
  readonly kind: 'binary';
}

/** One value (`const`, a one-member enum of a non-string type, a discriminator value). */
export interface LiteralType {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
}

export interface ArrayType {
  readonly kind: 'array';
  readonly items: TypeNode;
  readonly constraints?: Pick<Constraints, 'minItems' | 'maxItems' | 'uniqueItems'>;
}

export interface PropertyIR {
  /** The JSON property name exactly as in the spec (may be `__proto__`, `a-b`, contain quotes...). */
  readonly name: string;
  readonly type: TypeNode;
  readonly required: boolean;
  /** Sent by the server only: omitted from request-body types (see `SchemaIR.inputName`). */
  readonly readOnly?: boolean;
  /** Sent by the client only: omitted from response types. */
  readonly writeOnly?: boolean;
  readonly deprecated?: boolean;
  readonly description?: string;
  readonly default?: JsonValue;
  readonly example?: JsonValue;
}

export interface ObjectType {
  readonly kind: 'object';
  readonly properties: readonly PropertyIR[];
  /** `false`: closed; `true`: any extra property (`unknown`); a type: extra properties of that type. */
  readonly additionalProperties: TypeNode | boolean;
}

export interface Discriminator {
  /** Property that tells the members apart. */
  readonly propertyName: string;
  /** Value -> member, in the order of the spec's `mapping`, then implicit (schema-name) entries. */
  readonly mapping: readonly { readonly value: string; readonly type: RefType }[];
}

export interface UnionType {
  readonly kind: 'union';
  readonly members: readonly TypeNode[];
  readonly discriminator?: Discriminator;
}

export interface IntersectionType {
  readonly kind: 'intersection';
  readonly members: readonly TypeNode[];
}

export type TypeNode =
  | RefType
  | StringType
  | NumberType
  | BooleanType
  | NullType
  | UnknownType
  | BinaryType
  | LiteralType
  | ArrayType
  | ObjectType
  | UnionType
  | IntersectionType;

/** A named type: one `export type X = ...` in the generated `src/types.ts`. */
export interface SchemaIR {
  /** Safe, unique PascalCase identifier. */
  readonly name: string;
  /** The name in the spec (`components.schemas` key), for docs and diff. */
  readonly specName: string;
  /** JSON pointer of the schema, e.g. `/components/schemas/Pet`. */
  readonly pointer: string;
  readonly type: TypeNode;
  readonly description?: string;
  readonly deprecated?: boolean;
  readonly default?: JsonValue;
  readonly example?: JsonValue;
  /**
   * Set when this schema (or one it references) has readOnly/writeOnly properties AND it is used in a
   * request: the name of its input variant, printed from the same `type` in `input` mode (readOnly
   * properties dropped, refs to input variants). The plain `name` is printed in `output` mode
   * (writeOnly properties dropped).
   */
  readonly inputName?: string;
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

/**
 * An operation parameter: the runtime's `ParameterSpec` (wire name, input `key`, location, style,
 * explode, allowReserved, constant) plus its type and docs. `key` is a safe identifier, unique in the
 * operation, never `body`.
 */
export interface ParameterIR extends Omit<ParameterSpec, 'required'> {
  readonly required: boolean;
  readonly type: TypeNode;
  readonly description?: string;
  readonly deprecated?: boolean;
  readonly default?: JsonValue;
  readonly example?: JsonValue;
  /** Where it was declared (path-level parameters point under the path item). */
  readonly pointer: string;
}

export interface RequestBodyIR {
  /** The media type sent; when a spec offers several, the one the runtime handles best (JSON first). */
  readonly mediaType: string;
  readonly encoding: BodyEncoding;
  readonly required: boolean;
  /** Type of the `body` input property; print in `input` mode. */
  readonly type: TypeNode;
  readonly description?: string;
  /** Every media type the spec lists, sorted. */
  readonly mediaTypes: readonly string[];
  readonly pointer: string;
}

export interface ResponseIR {
  /** `200`, `2XX`, `default`... */
  readonly status: string;
  readonly description?: string;
  /** Chosen media type (JSON first); absent for an empty response. */
  readonly mediaType?: string;
  readonly kind: ResponseKind;
  readonly type: TypeNode;
  /** Response header names declared in the spec, sorted, lower-cased (`link`, `x-next-cursor`). */
  readonly headers: readonly string[];
  readonly pointer: string;
}

/** What a successful call returns: the first 2XX response (or `default` when there is none). */
export interface SuccessIR {
  readonly status: string;
  readonly kind: ResponseKind;
  readonly mediaType?: string;
  /** Output type of the action; print in `output` mode. `unknown` when the spec says nothing. */
  readonly type: TypeNode;
}

export interface PaginationIR {
  /** Never `{ type: 'none' }`: an unpaginated operation has no `pagination`. */
  readonly config: Exclude<PaginationConfig, { type: 'none' }>;
  /** Type of one item of `.all()`. */
  readonly itemType: TypeNode;
  /** `inferred` from the spec, `config` from connector.yaml (connector default or per action). */
  readonly source: 'inferred' | 'config';
}

export interface OperationIR {
  /** Action name: safe camelCase identifier, unique across the connector. */
  readonly name: string;
  readonly operationId?: string;
  readonly method: HttpMethod;
  /** Path template as in the spec, e.g. `/repos/{owner}/{repo}`. */
  readonly path: string;
  /** `/paths/~1repos~1{owner}~1{repo}/get` */
  readonly pointer: string;
  readonly summary?: string;
  readonly description?: string;
  readonly deprecated: boolean;
  /** Spec tags in spec order; `[]` when untagged. */
  readonly tags: readonly string[];
  /**
   * File the action is grouped into (`src/actions/<group>.ts`): kebab-case of the first tag, else of
   * the first resource segment of the path (`/v1/customers/{id}` -> `customers`), else `default`.
   */
  readonly group: string;
  readonly parameters: readonly ParameterIR[];
  readonly requestBody?: RequestBodyIR;
  readonly responses: readonly ResponseIR[];
  readonly success: SuccessIR;
  readonly pagination?: PaginationIR;
  /**
   * Auth requirements (scheme names, keys of `ConnectorIR.auth`), any one of which suffices; a list
   * entry names schemes required together. `[]` public; absent: the connector default.
   */
  readonly security?: readonly SecurityRequirement[];
  /** External docs URL, when given. */
  readonly docsUrl?: string;
  /**
   * The operation's own servers (operation-level, else path-level `servers`), the first used at
   * run time; relative URLs are relative to the connector's base URL. Absent: the connector's.
   */
  readonly servers?: readonly ServerIR[];
}

/** One scheme by name, or several required together (an AND within a security requirement). */
export type SecurityRequirement = string | readonly string[];

/** The scheme names a requirement needs. */
export function requirementSchemes(requirement: SecurityRequirement): readonly string[] {
  return typeof requirement === 'string' ? [requirement] : requirement;
}

// ---------------------------------------------------------------------------------------------
// The connector
// ---------------------------------------------------------------------------------------------

export interface ServerVariableIR {
  readonly default: string;
  readonly enum?: readonly string[];
  readonly description?: string;
}

export interface ServerIR {
  readonly url: string;
  readonly description?: string;
  /** Sorted by name. */
  readonly variables: Readonly<Record<string, ServerVariableIR>>;
}

export interface AuthSchemeIR {
  readonly config: AuthConfig;
  /** `spec`: inferred from `components.securitySchemes`; `config`: from connector.yaml. */
  readonly source: 'spec' | 'config';
  /** Pointer to the security scheme (or `''` for one from config). */
  readonly pointer: string;
  readonly description?: string;
}

export interface InfoIR {
  /** Connector name, kebab-case (`github`); connector.yaml `name` or from the title. */
  readonly name: string;
  /** PascalCase form of `name` for identifiers: `createGithubConnector`. */
  readonly pascalName: string;
  /** npm package name. */
  readonly packageName: string;
  /** Package version (semver). */
  readonly version: string;
  readonly title: string;
  readonly description?: string;
  /** `info.version` of the API description, verbatim (often not semver). */
  readonly apiVersion: string;
  /** `3.0` or `3.1`: the OpenAPI version of the source document after conversion. */
  readonly openapi: '3.0' | '3.1';
  readonly docsUrl?: string;
  /** connector.yaml `status`; absent means `published` (publish refuses drafts). */
  readonly status?: 'draft' | 'published';
  /** connector.yaml `icon`: the SVG document, checked by config/icon.ts; emitted as `icon.svg`. */
  readonly icon?: string;
}

/** An event the API sends us: a 3.1 `webhooks` entry or an operation's callback. */
export interface WebhookIR {
  /** The event name as the spec writes it (the key receivers dispatch on). */
  readonly name: string;
  readonly source: 'webhook' | 'callback';
  readonly summary?: string;
  /** The request body the API sends; print in `output` mode. */
  readonly payload: TypeNode;
  /** The payload's schema (`.../requestBody/content/<media type>/schema`); absent without a body. */
  readonly payloadPointer?: string;
  /** The Path Item's operation. */
  readonly pointer: string;
}

/** A field mapping the connector exports (connector.yaml `mappings`), already checked. */
export interface MappingIR {
  /** Export name: a safe identifier, unique among the mappings. */
  readonly name: string;
  /** The action (`OperationIR.name`) whose records or input type the mapping. */
  readonly action: string;
  readonly direction: 'output' | 'input';
  readonly description?: string;
  /** The entries as written, passed to `compileMapping` unchanged. */
  readonly entries: readonly JsonValue[];
}

export interface ConnectorIR {
  readonly irVersion: typeof IR_VERSION;
  readonly info: InfoIR;
  readonly servers: readonly ServerIR[];
  /** Auth schemes by name; the default scheme first, then by name. `{}` for a public API. */
  readonly auth: Readonly<Record<string, AuthSchemeIR>>;
  /** Requirements the API has by default (root `security`); `[]` public. */
  readonly security: readonly SecurityRequirement[];
  readonly operations: readonly OperationIR[];
  readonly schemas: readonly SchemaIR[];
  readonly retry?: RetryConfig;
  readonly rateLimit?: RateLimitConfig;
  readonly timeoutMs?: number;
  /** Action `testConnection()` calls (connector.yaml `testAction`). */
  readonly testAction?: string;
  /** connector.yaml `headers`: sent with every request (the connector's options win). */
  readonly headers?: Readonly<Record<string, string>>;
  /** connector.yaml `allowedHosts`: hosts next links may lead to (fetched without credentials), lower case. */
  readonly allowedHosts?: readonly string[];
  /** Webhooks and callbacks, by name; absent when the spec has none. */
  readonly webhooks?: readonly WebhookIR[];
  /** connector.yaml `mappings`, by name; absent when there are none. */
  readonly mappings?: readonly MappingIR[];
  /** Sorted by pointer, then code. */
  readonly diagnostics: readonly Diagnostic[];
}
