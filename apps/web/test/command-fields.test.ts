import { CaseCommandSchema, CreateCaseSchema } from '@guanjia/api-contract';
import { CASE_COMMAND_TYPES, FIELD_NAMES } from '@guanjia/vocabulary';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMAND_FIELDS, LEFT_OUT, toCommand } from '../src/console/command-fields';
import { FIELD_LABELS } from '../src/shared/i18n';

/**
 * The console's command forms against the contract's command schema, at run time (the compiler checks
 * the same through the types): one form per command, every field a field of its command, `required`
 * exactly where the schema requires it, every required field present, each choice's values the schema's.
 */
const variants = new Map(CaseCommandSchema.options.map((o) => [o.shape.type.value, o]));
const preset: Record<string, string[]> = { message: ['direction'] };

describe('command forms derive from the contract', () => {
  it('has a form for every command type', () => {
    expect(Object.keys(COMMAND_FIELDS).sort()).toEqual([...CASE_COMMAND_TYPES].sort());
  });
  it.each([...CASE_COMMAND_TYPES])('%s: fields, required and choices as the schema says', (type) => {
    const schema = variants.get(type)!;
    const shape = schema.shape as Record<string, z.ZodType>;
    const fields = COMMAND_FIELDS[type] as readonly { name: string; required: boolean; options?: readonly string[] }[];
    const required = Object.entries(shape)
      .filter(([name, s]) => name !== 'type' && !s.safeParse(undefined).success)
      .map(([name]) => name)
      .filter((name) => !(preset[type] ?? []).includes(name));
    expect(
      fields
        .filter((f) => f.required)
        .map((f) => f.name)
        .sort(),
      'required fields',
    ).toEqual(required.sort());
    for (const f of fields) {
      expect(Object.keys(shape), `${type}.${f.name}`).toContain(f.name);
      for (const option of f.options ?? []) expect(shape[f.name]!.safeParse(option).success, `${type}.${f.name} = ${option}`).toBe(true);
    }
  });
  it.each([...CASE_COMMAND_TYPES])('%s: every field of the schema is in the form, preset, or left out with a reason', (type) => {
    const shape = variants.get(type)!.shape as Record<string, z.ZodType>;
    const covered = new Set([
      'type',
      ...(COMMAND_FIELDS[type] as readonly { name: string }[]).map((f) => f.name),
      ...(preset[type] ?? []),
      ...((LEFT_OUT as Record<string, readonly string[]>)[type] ?? []),
    ]);
    expect(Object.keys(shape).filter((k) => !covered.has(k))).toEqual([]);
  });
  it('every field of every command and of intake has a plain name for refusals (FIELD_NAMES) and every form field a label', () => {
    const keys = new Set([...CaseCommandSchema.options.flatMap((o) => Object.keys(o.shape)), ...Object.keys(CreateCaseSchema.shape)]);
    keys.delete('type');
    expect([...keys].filter((k) => !FIELD_NAMES[k])).toEqual([]);
    const inForms = Object.values(COMMAND_FIELDS).flatMap((fields) => (fields as readonly { name: string }[]).map((f) => f.name));
    expect(inForms.filter((k) => !FIELD_LABELS[k])).toEqual([]);
  });
  it('turns a filled form into a command the schema accepts (empty inputs left out, instants as ISO)', () => {
    const cmd = toCommand('submit_plan', { cause: '配件延误', steps: '加急采购', expectedCompletionAt: '2026-12-05T10:00', extra: undefined });
    expect(CaseCommandSchema.safeParse(cmd).success).toBe(true);
    expect(toCommand('approve_plan', { comment: '' })).toEqual({ type: 'approve_plan' });
    expect(CaseCommandSchema.safeParse(toCommand('message', { content: '您好' })).success).toBe(true);
  });
});
