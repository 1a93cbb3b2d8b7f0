import { z } from 'zod';
import {
  changedFields,
  defineFields,
  defineWorkflow,
  diffVersions,
  emptyOf,
  formToInput,
  formValuesFromBody,
  formValuesFromContent,
  inputLimits,
  inputShape,
  missingFields,
  mongooseDefinition,
  presentContent,
  renderTexts,
} from '../../server/lib/versioned';

// A record that is not a practice: the kit must work for any versioned record.
const NOTE_FIELDS = defineFields({
  title: { kind: 'text', min: 3, max: 50, format: 'line', requiredToSubmit: true },
  body: { kind: 'text', max: 500, format: 'markdown' },
  language: { kind: 'enum', values: ['en', 'lv'], message: 'language', optional: true },
  titleEn: { kind: 'text', max: 50, requiredToSubmit: (c) => c.language !== undefined && c.language !== 'en' },
  tags: { kind: 'slugs', max: 3 },
  owner: { kind: 'group', fields: { name: { kind: 'text', max: 20, optional: true, requiredToSubmit: true }, email: { kind: 'email', optional: true, private: true } } },
  steps: { kind: 'rows', max: 2, fields: { label: { kind: 'text', min: 1, max: 10 }, cost: { kind: 'number', min: 0, max: 100, optional: true, inputMax: 3 } } },
});

const E = (key: string) => `note.error.${key}`;
// Every field optional, as a partial update parses it.
const input = z.strictObject(inputShape(E, NOTE_FIELDS)).partial();

describe('field table', () => {
  it('when input is parsed, then limits, sets and unknown keys come from the table', () => {
    const ok = input.parse({ title: 'Plan', body: 'x', tags: ['a', 'a', 'b'], owner: { name: 'Ann', email: 'ANN@EXAMPLE.ORG' }, steps: [{ label: 'one', cost: 5 }] });
    expect(ok).toMatchObject({ tags: ['a', 'b'], owner: { email: 'ann@example.org' } });

    const bad = input.safeParse({ title: 'x'.repeat(51), tags: ['a', 'b', 'c', 'd'], owner: { nick: 'x' }, steps: [{ label: '' }] });
    const messages = Object.fromEntries((bad.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages).toMatchObject({ title: 'note.error.max_50', tags: 'note.error.too_many', 'steps.0.label': 'note.error.required' });
    expect(bad.error?.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });

  it('when the Mongoose definition and the template limits are derived, then they carry the same limits', () => {
    const def = mongooseDefinition(NOTE_FIELDS) as Record<string, Record<string, unknown>>;
    expect(def.title).toMatchObject({ type: String, maxlength: 50, minlength: 3, required: true });
    expect(def.language).toMatchObject({ enum: ['en', 'lv'] });
    expect(inputLimits(NOTE_FIELDS)).toMatchObject({ title: 50, body: 500, 'owner.name': 20, 'steps.label': 10, 'steps.cost': 3 });
  });

  it('when a form is typed, read back and turned into input, then text is kept as typed and numbers are parsed', () => {
    const values = formValuesFromBody(NOTE_FIELDS, { title: ' Plan ', tags: 'a', owner: { name: 'Ann' }, steps: { 1: { label: 'two', cost: '1,5' }, 0: { label: '', cost: '' } }, extra: 'x' });
    expect(values).toEqual({ title: ' Plan ', body: '', language: '', titleEn: '', tags: ['a'], owner: { name: 'Ann', email: '' }, steps: [{ label: 'two', cost: '1,5' }] });
    expect(formToInput(NOTE_FIELDS, values)).toMatchObject({ steps: [{ label: 'two', cost: 1.5 }] });
    expect(formValuesFromContent(NOTE_FIELDS, { ...emptyOf(NOTE_FIELDS), steps: [{ label: 'a', cost: 2 }] }).steps).toEqual([{ label: 'a', cost: '2' }]);
  });

  it('when submission is checked, then required fields (conditional ones too) are named by path', () => {
    const content = { ...emptyOf(NOTE_FIELDS), title: 'Plan', language: 'lv' as const };
    expect(Object.keys(missingFields(NOTE_FIELDS, content, 'required'))).toEqual(['titleEn', 'owner.name']);
    expect(Object.keys(missingFields(NOTE_FIELDS, { ...content, language: 'en' as const, owner: { name: 'A' } }, 'required'))).toEqual([]);
  });

  it('when two versions are compared, then sets ignore order and the diff lists texts, then lists, then values', () => {
    const a = { ...emptyOf(NOTE_FIELDS), title: 'Old title', tags: ['a', 'b'], language: 'en' as const };
    const b = { ...a, title: 'New title', tags: ['b', 'a'], steps: [{ label: 'x' }], language: 'lv' as const };
    expect(changedFields(NOTE_FIELDS, a, b)).toEqual(['title', 'language', 'steps']);
    expect(diffVersions(NOTE_FIELDS, a, b).map((d) => [d.field, d.kind])).toEqual([['title', 'text'], ['steps', 'list'], ['language', 'value']]);
  });

  it('when content is presented, then only table fields leave, private leaves only for those allowed, texts rendered', () => {
    const stored = { ...emptyOf(NOTE_FIELDS), title: 'Plan', body: '**bold**', owner: { name: 'Ann', email: 'a@b.c', secret: 'x' }, internal: 'never' };
    const visitor = presentContent(NOTE_FIELDS, stored, { recordId: '1', showPrivate: false });
    expect(visitor).not.toHaveProperty('internal');
    expect(visitor.owner).toEqual({ name: 'Ann' });
    expect(presentContent(NOTE_FIELDS, stored, { recordId: '1', showPrivate: true }).owner).toEqual({ name: 'Ann', email: 'a@b.c' });
    expect(renderTexts(NOTE_FIELDS, stored)).toEqual({ body: expect.stringContaining('<strong>bold</strong>') });
  });
});

describe('workflow table', () => {
  const flow = defineWorkflow<'draft' | 'sent' | 'done', 'note.send' | 'note.close', { done?: boolean }>()({
    send: { from: ['draft'], to: 'sent', who: 'note.send' },
    close: { from: ['draft', 'sent'], to: 'done', who: 'note.close', only: (r) => !r.done },
  });

  it('when a record is in a status, then the steps allowed are those that start there, pass their condition and the policy', () => {
    expect(flow.allowed({ status: 'draft' }, () => true)).toEqual(['send', 'close']);
    expect(flow.allowed({ status: 'sent' }, () => true)).toEqual(['close']);
    expect(flow.allowed({ status: 'sent', done: true }, () => true)).toEqual([]);
    expect(flow.allowed({ status: 'draft' }, (action) => action === 'note.close')).toEqual(['close']);
    expect(flow.startsFrom('send', { status: 'done' })).toBe(false);
  });
});
