import { z } from 'zod'
import { officeViewSchema, type PatchOp } from './view'

type Schema = z.core.$ZodType

/**
 * The view schema's part a path names: object fields by name, record entries by any key, through
 * a nullable object (a patch may set a field of `status`). null: the view has no such place.
 */
export function schemaAtPath(path: readonly string[], root: Schema = officeViewSchema): Schema | null {
  let schema = root
  for (const key of path) {
    while (schema._zod.def.type === 'nullable' || schema._zod.def.type === 'optional') schema = (schema._zod.def as z.core.$ZodNullableDef).innerType
    const def = schema._zod.def
    if (def.type === 'object') {
      const shape = (def as z.core.$ZodObjectDef).shape
      if (!Object.hasOwn(shape, key)) return null
      schema = shape[key]!
    } else if (def.type === 'record') schema = (def as z.core.$ZodRecordDef).valueType
    else return null
  }
  return schema
}

/**
 * Why the view may not take this patch (its value does not fit the place its path names, or there
 * is no such place), or null when it may. Checks only the patched value: a mic change checks one
 * boolean, not the office.
 */
export function patchRefusal(op: PatchOp, root: Schema = officeViewSchema): string | null {
  const schema = schemaAtPath(op.path, root)
  const where = op.path.join('/')
  if (schema === null) return `${where} is not a place in the view`
  if (op.op === 'del') {
    // Only record entries come and go; a field the view always has cannot be deleted.
    const parent = schemaAtPath(op.path.slice(0, -1), root)
    return parent?._zod.def.type === 'record' ? null : `${where} cannot be deleted`
  }
  const checked = z.safeParse(schema, op.value)
  return checked.success ? null : `${where}: ${checked.error.issues.map((issue) => `${[...issue.path].join('/') || 'value'}: ${issue.message}`).join('; ')}`
}
