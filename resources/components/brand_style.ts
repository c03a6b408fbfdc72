/** @spec TEN-3 */
import { computed } from 'vue'
import { usePage } from '@inertiajs/vue3'

/**
 * The tenant's colours as CSS variables for the layout's root element, with
 * the text colour that reads on the primary one (TEN-3).
 */
export function useBrandStyle() {
  const page = usePage()
  return computed(() => {
    const tenant = page.props.tenant as {
      primaryColor: string
      secondaryColor: string
      onPrimary: string
    } | null
    return tenant
      ? {
          '--tenant-primary': tenant.primaryColor,
          '--tenant-secondary': tenant.secondaryColor,
          '--tenant-on-primary': tenant.onPrimary,
        }
      : {}
  })
}
