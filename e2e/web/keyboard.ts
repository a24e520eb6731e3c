// Walking a page by keyboard in Playwright: Tab to a control, and the focus ring it shows.
import { expect, type Locator, type Page } from '@playwright/test'

/** Presses Tab (or Shift+Tab) until the target has the focus; fails if it never does within `limit` presses. */
export async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', limit = 400): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press(key)
  }
  await expect(target, `reached by ${key}`).toBeFocused()
}

export interface FocusRing {
  focusVisible: boolean
  /** The outline's computed style, width in px and colour (rgb). */
  style: string
  width: number
  color: string
}

/** The ring the focused element draws, or null when nothing has the focus. */
export function focusRing(page: Page): Promise<FocusRing | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    if (!element || element === document.body) return null
    const style = getComputedStyle(element)
    return { focusVisible: element.matches(':focus-visible'), style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor }
  })
}
