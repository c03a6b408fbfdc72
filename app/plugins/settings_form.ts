/** @spec TEN-2 */
import type { FieldError } from '#plugins/registry'

type Locale = 'en' | 'nl' | 'fr'
type Localized = Partial<Record<Locale, string>>

/**
 * One field of a plugin's settings form, as the admin page draws it. Made
 * from the plugin's JSON schema on the server, so the page needs no schema
 * logic and every label arrives in the admin's language.
 *
 * Labels come from `x-title` (per language) or `title`, help texts from
 * `x-description` or `description`, choice labels from `x-enum-titles`
 * (value → per language); without them the property name and the raw value
 * are shown.
 */
export type SettingsField = {
  /** Dotted path from the settings' root (`notify.email`). */
  path: string
  kind: 'text' | 'email' | 'url' | 'number' | 'integer' | 'boolean' | 'choice' | 'group' | 'secret'
  label: string
  help: string | null
  required: boolean
  default?: SettingsValue
  min?: number
  max?: number
  minLength?: number
  maxLength?: number
  options?: { value: string | number; label: string }[]
  fields?: SettingsField[]
  /** A secret field (`x-secret`): whether it holds a value; the value never leaves the server. */
  isSet?: boolean
}

type Schema = Record<string, unknown>

/** A value a settings object holds (it is JSON). */
export type SettingsValue =
  string | number | boolean | null | SettingsValue[] | { [key: string]: SettingsValue }

function localized(value: unknown, locale: Locale): string | null {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object') {
    const texts = value as Localized
    return texts[locale] ?? texts.en ?? Object.values(texts)[0] ?? null
  }
  return null
}

function humanize(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function fieldOf(
  name: string,
  path: string,
  schema: Schema,
  required: boolean,
  locale: Locale,
  secretsSet: ReadonlySet<string>
): SettingsField {
  const base = {
    path,
    label:
      localized(schema['x-title'], locale) ?? localized(schema.title, locale) ?? humanize(name),
    help: localized(schema['x-description'], locale) ?? localized(schema.description, locale),
    required,
    default: schema.default as SettingsValue | undefined,
  }
  if (schema['x-secret'] === true) {
    return {
      ...base,
      default: undefined,
      kind: 'secret',
      isSet: secretsSet.has(path),
      maxLength: schema.maxLength as number | undefined,
    }
  }
  if (Array.isArray(schema.enum)) {
    const titles = (schema['x-enum-titles'] ?? {}) as Record<string, unknown>
    return {
      ...base,
      kind: 'choice',
      options: (schema.enum as (string | number)[]).map((value) => ({
        value,
        label: localized(titles[String(value)], locale) ?? String(value),
      })),
    }
  }
  switch (schema.type) {
    case 'boolean':
      return { ...base, kind: 'boolean' }
    case 'integer':
    case 'number':
      return {
        ...base,
        kind: schema.type,
        min: (schema.minimum ?? schema.exclusiveMinimum) as number | undefined,
        max: (schema.maximum ?? schema.exclusiveMaximum) as number | undefined,
      }
    case 'object':
      return { ...base, kind: 'group', fields: fieldsOf(schema, path, locale, secretsSet) }
    default:
      return {
        ...base,
        kind: schema.format === 'email' ? 'email' : schema.format === 'uri' ? 'url' : 'text',
        minLength: schema.minLength as number | undefined,
        maxLength: schema.maxLength as number | undefined,
      }
  }
}

/** The fields of an object schema, in the order the schema lists them. */
export function fieldsOf(
  schema: Schema | undefined,
  prefix: string,
  locale: Locale,
  secretsSet: ReadonlySet<string> = new Set()
): SettingsField[] {
  const properties = (schema?.properties ?? {}) as Record<string, Schema>
  const required = new Set((schema?.required ?? []) as string[])
  return Object.entries(properties).map(([name, property]) =>
    fieldOf(
      name,
      prefix ? `${prefix}.${name}` : name,
      property,
      required.has(name),
      locale,
      secretsSet
    )
  )
}

/**
 * The translation key and values of an ajv error, for a message in the
 * admin's language (resources/lang/<locale>/settings.json `plugins.errors`).
 */
export function errorMessageKey(error: FieldError): { key: string; data: Record<string, unknown> } {
  const params = error.params
  switch (error.keyword) {
    case 'required':
    case 'type':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
    case 'pattern':
    case 'format':
    case 'additionalProperties':
    case 'multipleOf':
      return {
        key: `settings.plugins.errors.${error.keyword}`,
        data: { ...params, limit: params.limit },
      }
    case 'enum':
      return {
        key: 'settings.plugins.errors.enum',
        data: { values: (params.allowedValues as unknown[]).join(', ') },
      }
    default:
      return { key: 'settings.plugins.errors.invalid', data: {} }
  }
}
