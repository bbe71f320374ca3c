import { describe, expect, it } from 'vitest';
import { parseTemplate, renderString, renderTemplate, TemplateSyntaxError, TemplateValueError } from './template.js';

const scope = { inputs: { name: 'Ada', n: 3, tags: ['a', 'b'], nested: { city: 'Paris' } }, outputs: {}, row: { id: 7 } };

describe('templates', () => {
  it.each([
    ['plain text', 'plain text'],
    ['{{ inputs.name }}', 'Ada'],
    ['{{inputs.n}}', 3],
    ['{{ inputs.tags }}', ['a', 'b']],
    ['{{ inputs.tags.1 }}', 'b'],
    ['Hello {{ inputs.name }} #{{ row.id }}', 'Hello Ada #7'],
    ['in {{ inputs.nested.city }}', 'in Paris'],
    ['{{ inputs.nested }}!', '{"city":"Paris"}!'],
  ])('%s renders to %j', (template, expected) => {
    expect(renderTemplate(template, scope)).toEqual(expected);
  });

  it('renders a lone number as text where text is needed', () => {
    expect(renderString('{{ inputs.n }}', scope)).toBe('3');
  });

  it('a path with no value is an error, not an empty string', () => {
    expect(() => renderTemplate('{{ inputs.missing }}', scope)).toThrow(TemplateValueError);
    expect(() => renderTemplate('{{ inputs.name.length }}', scope)).toThrow(TemplateValueError);
    expect(() => renderTemplate('{{ constructor }}', scope)).toThrow(TemplateValueError);
  });

  it.each(['{{ a + b }}', '{{ }}', 'open {{ inputs.name', '{{ inputs..x }}'])('%s is a syntax error', (template) => {
    expect(() => parseTemplate(template)).toThrow(TemplateSyntaxError);
  });
});
