/**
 * Targets as users write them, turned into Playwright locators. Role, label, text, test id and
 * placeholder go through Playwright's user-facing `getBy*` locators (they survive markup changes
 * that break CSS); a bare string or `{ css }` is a CSS selector.
 */
import type { Locator, Page } from 'playwright-core';
import type { Target } from './job/types.js';

type AriaRole = Parameters<Page['getByRole']>[0];

export function locate(page: Page, target: Target, render: (template: string) => string): Locator {
  const locator = baseLocator(page, target, render);
  if (typeof target === 'string' || target.nth === undefined) return locator;
  return target.nth === -1 ? locator.last() : locator.nth(target.nth);
}

function baseLocator(page: Page, target: Target, render: (template: string) => string): Locator {
  if (typeof target === 'string') return page.locator(`css=${render(target)}`);
  if ('css' in target) return page.locator(`css=${render(target.css)}`);
  if ('role' in target) {
    const role = render(target.role) as AriaRole;
    return target.name === undefined ? page.getByRole(role) : page.getByRole(role, { name: render(target.name), exact: target.exact ?? false });
  }
  if ('label' in target) return page.getByLabel(render(target.label), { exact: target.exact ?? false });
  if ('text' in target) return page.getByText(render(target.text), { exact: target.exact ?? false });
  if ('testId' in target) return page.getByTestId(render(target.testId));
  return page.getByPlaceholder(render(target.placeholder), { exact: target.exact ?? false });
}

/** How a target reads in a summary: `label "Email"`, `role button "Save"`, `css #total`. */
export function describeTarget(target: Target): string {
  if (typeof target === 'string') return `css ${target}`;
  const nth = target.nth === undefined ? '' : ` #${target.nth}`;
  if ('css' in target) return `css ${target.css}${nth}`;
  if ('role' in target) return `role ${target.role}${target.name === undefined ? '' : ` "${target.name}"`}${nth}`;
  if ('label' in target) return `label "${target.label}"${nth}`;
  if ('text' in target) return `text "${target.text}"${nth}`;
  if ('testId' in target) return `testId ${target.testId}${nth}`;
  return `placeholder "${target.placeholder}"${nth}`;
}
