/**
 * connector.yaml `icon`: an SVG file that ends up in the package (icon.svg), the manifest and the
 * README, which marketplaces render. Read like any untrusted path: only inside the config's own
 * directory tree (after symlinks), a regular file, at most 256 KiB, an `<svg>` document, and no
 * active content (scripts, event handlers, `javascript:` URLs, foreignObject) that a page showing
 * it inline would run.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ConnectgenError } from '../diagnostics/errors.js';
import type { ConfigSource } from './read.js';

export const MAX_ICON_BYTES = 256 * 1024;

const ACTIVE_CONTENT = /<script\b|<foreignObject\b|\son[a-z]+\s*=|javascript:|<!ENTITY\b/i;

function refuse(code: string, message: string, hint: string, source: ConfigSource): never {
  throw new ConnectgenError(code, message, { file: source.file, pointer: '/icon', hint });
}

/** The SVG text of `icon`, read relative to connector.yaml. */
export function readIcon(icon: string, source: ConfigSource): string {
  const root = realpathSync(dirname(source.file));
  let path: string;
  try {
    path = realpathSync(resolve(root, icon));
  } catch {
    return refuse('CG_CONFIG_ICON_UNREADABLE', `icon ${JSON.stringify(icon)} does not exist`, 'name an .svg file next to connector.yaml', source);
  }
  const inside = relative(root, path);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    refuse('CG_CONFIG_ICON_OUTSIDE', `icon ${JSON.stringify(icon)} is outside connector.yaml's directory`, 'copy the SVG next to connector.yaml (or below it) and name it there', source);
  }
  const stat = statSync(path);
  if (!stat.isFile()) refuse('CG_CONFIG_ICON_UNREADABLE', `icon ${JSON.stringify(icon)} is not a file`, 'name an .svg file', source);
  if (stat.size > MAX_ICON_BYTES) refuse('CG_CONFIG_ICON_TOO_LARGE', `icon is ${stat.size} bytes; at most ${MAX_ICON_BYTES} are accepted`, 'simplify or minify the SVG (svgo)', source);
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  // The root element must be <svg>: skip an XML declaration, comments and a doctype before it.
  const start = text.replace(/^(?:\s+|<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*>)*/i, '');
  if (!/^<svg[\s>]/i.test(start)) refuse('CG_CONFIG_ICON_NOT_SVG', `icon ${JSON.stringify(icon)} is not an SVG document`, 'export the icon as SVG (its root element must be <svg>)', source);
  if (ACTIVE_CONTENT.test(text)) refuse('CG_CONFIG_ICON_UNSAFE', `icon ${JSON.stringify(icon)} holds scripts, event handlers or entities`, 'remove <script>, on...= attributes, javascript: links, <foreignObject> and entities from the SVG', source);
  return text.endsWith('\n') ? text : `${text}\n`;
}
