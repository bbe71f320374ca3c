/**
 * Request bodies and pagination that several operations send or page the same way, written once in
 * src/parameters.ts (a `RequestBodySpec` or `PaginationConfig` constant) and named by each
 * OperationSpec, as shared parameters are. Stripe's 452 operations all send the same form body, and
 * its list operations page alike: each copy was one more nested object literal for TypeScript to
 * check against the runtime's types, 4% of the package's type-check (bench/results/output.md).
 */
import type { OperationIR, PaginationIR, RequestBodyIR } from '../../ir/types.js';
import type { Data } from './literal.js';
import type { NameScope } from './names.js';
import { pascalCase } from './names.js';
import { paginationData, requestBodyData } from './operation-spec.js';
import { identifier } from './safe.js';

export interface SharedSpec {
  /** `formBody`, `cursorPagination`: the constant's name in src/parameters.ts. */
  readonly constName: string;
  /** The runtime type it is declared as. */
  readonly typeName: 'RequestBodySpec' | 'PaginationConfig';
  readonly data: Data;
  /** One sentence for its JSDoc. */
  readonly summary: string;
}

/** The media type each encoding is usually sent as: its body constant is named after the encoding alone. */
const USUAL_MEDIA_TYPE: Record<RequestBodyIR['encoding'], string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
  text: 'text/plain',
  binary: 'application/octet-stream',
};

export class SharedSpecs {
  private readonly bodies = new Map<OperationIR, SharedSpec>();
  private readonly paginations = new Map<OperationIR, SharedSpec>();
  /** Bodies, then pagination, each in first-use order. */
  readonly declarations: SharedSpec[] = [];

  /** Names are allocated in `scope` after every other name, so sharing renames nothing else. */
  constructor(operations: readonly OperationIR[], scope: NameScope) {
    this.share(operations, this.bodies, scope, (operation) => {
      const body = operation.requestBody;
      if (body === undefined) return undefined;
      const kind = body.mediaType === USUAL_MEDIA_TYPE[body.encoding] ? body.encoding : (body.mediaType.split('/')[1] ?? body.encoding);
      return {
        base: `${body.required ? 'Required' : ''}${pascalCase(kind)}Body`,
        typeName: 'RequestBodySpec',
        data: requestBodyData(body),
        summary: `The ${body.required ? 'required ' : ''}\`${body.mediaType}\` request body of several operations.`,
      };
    });
    this.share(operations, this.paginations, scope, (operation) => {
      const pagination = operation.pagination;
      if (pagination === undefined) return undefined;
      const { base, summary } = paginationWords(pagination.config);
      return { base, typeName: 'PaginationConfig', data: paginationData(pagination), summary };
    });
  }

  /** The expression naming `operation`'s shared request body, as `prefix.constName`, if it has one. */
  requestBody(operation: OperationIR, prefix: string): string | undefined {
    const shared = this.bodies.get(operation);
    return shared && `${prefix}.${shared.constName}`;
  }

  pagination(operation: OperationIR, prefix: string): string | undefined {
    const shared = this.paginations.get(operation);
    return shared && `${prefix}.${shared.constName}`;
  }

  /** Whether any of `operations` names a shared body or pagination. */
  usedBy(operations: readonly OperationIR[]): boolean {
    return operations.some((operation) => this.bodies.has(operation) || this.paginations.has(operation));
  }

  private share(
    operations: readonly OperationIR[],
    into: Map<OperationIR, SharedSpec>,
    scope: NameScope,
    describe: (operation: OperationIR) => { base: string; typeName: SharedSpec['typeName']; data: Data; summary: string } | undefined,
  ): void {
    const byValue = new Map<string, { described: NonNullable<ReturnType<typeof describe>>; uses: OperationIR[] }>();
    for (const operation of operations) {
      const described = describe(operation);
      if (described === undefined) continue;
      const key = JSON.stringify(described.data);
      const entry = byValue.get(key) ?? { described, uses: [] };
      entry.uses.push(operation);
      byValue.set(key, entry);
    }
    for (const { described, uses } of byValue.values()) {
      if (uses.length < 2) continue;
      const name = scope.allocate(described.base);
      const declaration: SharedSpec = {
        constName: identifier(name[0]!.toLowerCase() + name.slice(1)),
        typeName: described.typeName,
        data: described.data,
        summary: described.summary,
      };
      this.declarations.push(declaration);
      for (const use of uses) into.set(use, declaration);
    }
  }
}

/** A pagination constant's name (after the parameter that carries the position) and JSDoc. */
function paginationWords(config: PaginationIR['config']): { base: string; summary: string } {
  // `startingAfterCursorPagination`, but `cursorPagination` rather than `cursorCursorPagination`.
  const base = (param: string, type: string) => `${pascalCase(param) === type ? '' : pascalCase(param)}${type}Pagination`;
  switch (config.type) {
    case 'cursor':
      return {
        base: base(config.cursorParam, 'Cursor'),
        summary: `Cursor pagination through \`${config.cursorParam}\`, the next cursor read at \`${config.nextCursorPath}\`, as several operations page.`,
      };
    case 'offset':
      return { base: base(config.offsetParam, 'Offset'), summary: `Offset pagination through \`${config.offsetParam}\`, as several operations page.` };
    case 'page':
      return { base: base(config.pageParam, 'Page'), summary: `Page-number pagination through \`${config.pageParam}\`, as several operations page.` };
    case 'link':
      return { base: 'LinkPagination', summary: 'Pagination by next-page links, as several operations page.' };
  }
}
