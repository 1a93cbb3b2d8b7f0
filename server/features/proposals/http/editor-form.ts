import { z } from 'zod';
import { addFieldErrors, fieldErrorMap, type FieldErrors } from '../../../lib/errors';

/**
 * The draft editor's form, without JavaScript: a title, the introduction, and for every final recommendation
 * an "include" box and a position. The chosen ones are ordered by position (blank: after the numbered ones,
 * in their current order). Only the shape is checked here; the service checks the content.
 */

const POSITION = /^\d{1,4}$/;

const row = z
  .object({ include: z.string().max(10).optional(), position: z.string().max(20).optional() })
  .catch({ include: undefined, position: undefined });

export const editorForm = z.object({
  title: z.string().max(10_000).optional().catch(undefined),
  introduction: z.string().max(100_000).optional().catch(undefined),
  revision: z.string().max(12).optional().catch(undefined),
  items: z.record(z.string(), row).optional().catch(undefined),
});

export type EditorValues = {
  title: string;
  introduction: string;
  revision: string;
  items: Record<string, { include: boolean; position: string }>;
};

/** The form as typed (to show it again) and the input for the service, or the form's own errors. */
export function readEditorForm(
  body: unknown,
  currentOrder: readonly string[],
): { values: EditorValues; input: Record<string, unknown>; errors: FieldErrors } {
  const parsed = editorForm.parse(body ?? {});
  const errors = fieldErrorMap();
  const items: EditorValues['items'] = Object.create(null) as EditorValues['items'];
  for (const [id, value] of Object.entries(parsed.items ?? {})) {
    if (!/^[0-9a-f]{24}$/i.test(id)) {
      addFieldErrors(errors, '_form', 'proposals.error.recommendation');
      continue;
    }
    items[id.toLowerCase()] = { include: value.include === 'on', position: (value.position ?? '').trim() };
  }
  const chosen = Object.entries(items).filter(([, v]) => v.include);
  for (const [id, v] of chosen)
    if (v.position && !POSITION.test(v.position)) addFieldErrors(errors, `position.${id}`, 'proposals.error.position');
  const rank = (id: string) => {
    const p = items[id]?.position;
    return p && POSITION.test(p) ? Number(p) : Number.MAX_SAFE_INTEGER;
  };
  const before = (id: string) => {
    const i = currentOrder.indexOf(id);
    return i === -1 ? currentOrder.length : i;
  };
  const recommendations = chosen
    .map(([id]) => id)
    .sort((a, b) => rank(a) - rank(b) || before(a) - before(b) || a.localeCompare(b));
  const revisionNumber = /^\d{1,9}$/.test(parsed.revision ?? '') ? Number(parsed.revision) : undefined;
  return {
    values: {
      title: parsed.title ?? '',
      introduction: parsed.introduction ?? '',
      revision: parsed.revision ?? '',
      items,
    },
    input: {
      title: parsed.title ?? '',
      introduction: parsed.introduction ?? '',
      recommendations,
      revision: revisionNumber,
    },
    errors,
  };
}
