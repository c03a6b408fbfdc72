import type { Page } from 'playwright'

/** Logs out through the user menu under the name, as a person would. */
export async function logOut(page: Page, label: string) {
  await page.getByTestId('user-name').click()
  await page.getByRole('button', { name: label }).click()
}
