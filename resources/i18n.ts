import { computed } from 'vue'
import { usePage } from '@inertiajs/vue3'
import { IntlMessageFormat } from 'intl-messageformat'

const cache = new Map<string, IntlMessageFormat>()

/**
 * `t(key, values)` over the UI texts the server shares with every page (the
 * `ui` namespace of resources/lang/<locale>), formatted with ICU like the
 * server does. A missing key shows the key, so it is noticed.
 */
export function useI18n() {
  const page = usePage()
  const locale = computed(() => (page.props.locale as string) ?? 'en')
  const messages = computed(() => (page.props.messages as Record<string, string>) ?? {})

  function t(key: string, values?: Record<string, unknown>): string {
    const source = messages.value[key]
    if (source === undefined) return key
    const cacheKey = `${locale.value}:${key}`
    let format = cache.get(cacheKey)
    if (!format) {
      format = new IntlMessageFormat(source, locale.value)
      cache.set(cacheKey, format)
    }
    return String(format.format(values as any))
  }

  function formatDate(
    value: string | Date,
    options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }
  ) {
    return new Intl.DateTimeFormat(locale.value, options).format(new Date(value))
  }

  /** An amount in cents in the page's language (`—` when there is none). */
  function formatMoney(cents: number | null, currency: string) {
    if (cents === null) return '—'
    return new Intl.NumberFormat(locale.value, { style: 'currency', currency }).format(cents / 100)
  }

  return { t, locale, formatDate, formatMoney }
}
