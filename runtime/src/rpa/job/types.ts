/**
 * An RPA job as its author writes it, in YAML, JSON or TypeScript: the same shape in all three.
 * `loadJob` / `defineJob` validate it into an `RpaJob`; nothing here is trusted until then.
 *
 * Strings in steps are templates over `inputs`, earlier `outputs` and loop variables:
 * `value: "{{ inputs.email }}"`, `goto: "{{ inputs.baseUrl }}/orders/{{ order.id }}"`.
 */

/** Where a step acts: a Playwright locator as users write them, or a CSS selector (a bare string). */
export type Target =
  | string
  | CssTarget
  | RoleTarget
  | LabelTarget
  | TextTarget
  | TestIdTarget
  | PlaceholderTarget;

interface TargetCommon {
  /** Which match to use when several elements match (0-based; -1 is the last). */
  readonly nth?: number;
}

export interface CssTarget extends TargetCommon {
  readonly css: string;
}

/** `getByRole(role, { name, exact })`: the way users and screen readers see the page. */
export interface RoleTarget extends TargetCommon {
  readonly role: string;
  readonly name?: string;
  readonly exact?: boolean;
}

/** `getByLabel(label)`: a form control by its `<label>` or `aria-label`. */
export interface LabelTarget extends TargetCommon {
  readonly label: string;
  readonly exact?: boolean;
}

/** `getByText(text)`. */
export interface TextTarget extends TargetCommon {
  readonly text: string;
  readonly exact?: boolean;
}

/** `getByTestId(id)`: the `data-testid` attribute. */
export interface TestIdTarget extends TargetCommon {
  readonly testId: string;
}

export interface PlaceholderTarget extends TargetCommon {
  readonly placeholder: string;
  readonly exact?: boolean;
}

/** A page URL to wait for or assert: a glob (`**\/done`) or, with `regex`, a regular expression. */
export interface UrlMatch {
  readonly url: string;
  readonly regex?: boolean;
}

/** Fields every step may carry. */
export interface StepCommon {
  /** Shown in the summary and the execution record; defaults to a description of the step. */
  readonly name?: string;
  /** How long each attempt may take; default the job's `timeoutMs`. */
  readonly timeoutMs?: number;
  /** Further attempts after a failure (flaky legacy pages); default 0. */
  readonly retries?: number;
}

export interface GotoStep extends StepCommon {
  readonly goto: string;
  readonly waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' | 'commit';
}
export interface FillStep extends StepCommon {
  readonly fill: Target;
  readonly value: string;
}
/** Picks options of a `<select>` by value or visible label. */
export interface SelectStep extends StepCommon {
  readonly select: Target;
  readonly value: string | readonly string[];
}
/** Checks a checkbox or radio; `checked: false` unchecks. */
export interface CheckStep extends StepCommon {
  readonly check: Target;
  readonly checked?: boolean;
}
export interface ClickStep extends StepCommon {
  readonly click: Target;
}
/** Presses a key (`Enter`, `Control+A`) with the target focused. */
export interface PressStep extends StepCommon {
  readonly press: Target;
  readonly key: string;
}
/** Sets the files of an `<input type=file>`; paths are templates (usually an input). */
export interface UploadStep extends StepCommon {
  readonly upload: Target;
  readonly files: string | readonly string[];
}
/** Waits for an element (in `state`, default visible) or for the page URL. */
export interface WaitForStep extends StepCommon {
  readonly waitFor: Target | UrlMatch;
  readonly state?: 'visible' | 'hidden' | 'attached' | 'detached';
}
/**
 * Reads the page into the output variable `as`: the target's text (default), an `attribute`, or with
 * `table: true` a `<table>` as records keyed by its header cells. `all: true` reads every match into
 * a list; `append: true` adds to a list (collecting across `forEach` iterations).
 */
export interface ExtractStep extends StepCommon {
  readonly extract: Target;
  readonly as: string;
  readonly attribute?: string;
  readonly table?: boolean;
  readonly all?: boolean;
  readonly append?: boolean;
}
/**
 * Fails the run unless the target is visible (and, if given, `contains` the text or `equals` it;
 * `count` matches), or unless the page URL matches.
 */
export interface AssertStep extends StepCommon {
  readonly assert: Target | UrlMatch;
  readonly contains?: string;
  readonly equals?: string;
  readonly count?: number;
}
/** Saves a PNG beside the execution record; the value is a label for the file name. */
export interface ScreenshotStep extends StepCommon {
  readonly screenshot: string;
  readonly fullPage?: boolean;
}
/** A condition: a template that is truthy, an element that exists, or two templates that are equal. */
export type Condition = string | { readonly exists: Target } | { readonly equals: readonly [string, string] };
export interface IfStep extends StepCommon {
  readonly if: Condition;
  readonly then: readonly StepDefinition[];
  readonly else?: readonly StepDefinition[];
}
/** Runs `steps` once per element of a list (a template naming a list input or output), as `as`. */
export interface ForEachStep extends StepCommon {
  readonly forEach: string;
  readonly as?: string;
  readonly steps: readonly StepDefinition[];
}

export type StepDefinition =
  | GotoStep
  | FillStep
  | SelectStep
  | CheckStep
  | ClickStep
  | PressStep
  | UploadStep
  | WaitForStep
  | ExtractStep
  | AssertStep
  | ScreenshotStep
  | IfStep
  | ForEachStep;

export type InputType = 'string' | 'number' | 'boolean' | 'list' | 'object';

export interface InputDefinition {
  readonly type?: InputType;
  /** Default true unless a `default` is given. */
  readonly required?: boolean;
  /** Never written to logs, the execution record or file names; masked in screenshots where filled. */
  readonly secret?: boolean;
  readonly default?: unknown;
  readonly description?: string;
}

export interface OutputDefinition {
  readonly description?: string;
}

export interface JobDefinition {
  readonly name: string;
  readonly description?: string;
  readonly inputs?: Readonly<Record<string, InputDefinition>>;
  /** What a run returns: names of variables set by `extract ... as`. */
  readonly outputs?: readonly string[] | Readonly<Record<string, OutputDefinition>>;
  /** Default per-step timeout in ms (10 s). */
  readonly timeoutMs?: number;
  readonly steps: readonly StepDefinition[];
}
