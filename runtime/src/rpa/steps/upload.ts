/** `upload: <target>, files: <path or list>`: sets the files of an `<input type=file>`. */
import type { UploadStep } from '../job/types.js';
import { pointerTo } from '../job/diagnostics.js';
import { describeTarget } from '../target.js';
import { checkListValue, renderListValue } from './list-value.js';
import type { StepKind } from './step.js';

export const upload: StepKind<UploadStep> = {
  key: 'upload',
  fields: ['files'],
  check(def, at, c) {
    c.target(def.upload, pointerTo(at, 'upload'));
    checkListValue(c, def.files, pointerTo(at, 'files'), 'file path');
  },
  describe: (def) => `upload to ${describeTarget(def.upload)}`,
  async run(def, ctx) {
    const files = renderListValue(ctx, def.files);
    await ctx.locate(def.upload).setInputFiles(files);
    // File names only: paths can say more about the machine than the record needs.
    return { files: files.map((f) => f.split(/[\\/]/).pop()) };
  },
};
