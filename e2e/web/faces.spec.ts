// Faces (issue 12): each member is one button and one named <img>; every mark is CSS on those two,
// names show on focus and for screen readers, and a remote change touches only that member's nodes.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { hallwayCli } from './hallway-server'

/** Every face on the page as [member id, element count, non-element node count, img alt]. */
function faceShapes(page: Page) {
  return page.locator('.face').evaluateAll((faces) =>
    faces.map((face) => {
      const nodes = [face, ...face.querySelectorAll('*')]
      const others = [face, ...face.querySelectorAll('*')].reduce((sum, node) => sum + [...node.childNodes].filter((child) => child.nodeType !== Node.ELEMENT_NODE).length, 0)
      return [face.getAttribute('data-member'), nodes.length, others, face.querySelector('img')?.alt ?? null]
    }),
  )
}

test('rooms and the hallway are face grids: one button and one img named by the member each, names drawn not spoken twice, card on Enter', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn'), hallway.open('cy', 'Cy Young')])
  await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join Kitchen' }).click()
  const kitchen = ada.getByRole('region', { name: 'Kitchen' })
  const corridor = ada.getByRole('complementary', { name: 'Hallway' })
  await expect(kitchen.getByRole('img', { name: 'Bob Kahn', exact: true })).toBeVisible()
  await expect(corridor.getByRole('img', { name: 'Cy Young', exact: true })).toBeVisible()
  await expect(corridor.getByRole('img', { name: 'Ada Lovelace', exact: true })).toBeVisible()

  expect((await faceShapes(ada)).sort()).toEqual([
    ['ada', 2, 0, 'Ada Lovelace'],
    ['bob', 2, 0, 'Bob Kahn'],
    ['cy', 2, 0, 'Cy Young'],
  ])
  await expect(ada.getByRole('img', { name: 'Bob Kahn', exact: true })).toHaveCount(1)

  // Names are drawn under the faces (not spoken twice: the button is named by the img alone).
  const cy = corridor.getByRole('button', { name: 'Cy Young', exact: true })
  expect(await cy.evaluate((face) => getComputedStyle(face, '::after').content)).toBe('"Cy Young" / ""')
  // Keyboard: the face takes the focus; Enter opens the card.
  await cy.focus()
  await ada.keyboard.press('Enter')
  const card = ada.getByRole('dialog', { name: 'Cy Young' })
  await expect(card).toContainText('In the hallway')
  await card.getByRole('button', { name: 'Close' }).click()
  await expect(card).toHaveCount(0)
  for (const scheme of ['light', 'dark'] as const) {
    await ada.emulateMedia({ colorScheme: scheme })
    await ada.screenshot({ path: test.info().outputPath(`faces-${scheme}.png`) })
  }
})

test("a remote member's mute rewrites only that member's face: no other face, list or room changes", async ({ hallway }) => {
  const [ada, bob, cy] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn'), hallway.open('cy', 'Cy Young')])
  for (const page of [bob, cy]) await page.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join Kitchen' }).click()
  const kitchen = ada.getByRole('region', { name: 'Kitchen' })
  const bobFace = kitchen.getByRole('button', { name: 'Bob Kahn', exact: true })
  await expect(bobFace).toHaveAttribute('data-mic', '')
  await expect(kitchen.getByRole('button', { name: 'Cy Young', exact: true })).toHaveAttribute('data-mic', '')

  // Watch the whole office from here on; every change is tagged with the face (or not) it touched.
  await ada.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { __touched: string[] }).__touched = seen
    new MutationObserver((records) => {
      for (const record of records) {
        const node = record.target instanceof Element ? record.target : record.target.parentElement
        const face = node?.closest('.face')
        seen.push(face ? `face:${face.getAttribute('data-member')}` : `other:${node?.className ?? '?'}:${record.type}`)
      }
    }).observe(document.querySelector('.office-body')!, { subtree: true, attributes: true, childList: true, characterData: true })
  })
  await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Mute' }).click()
  await expect(bobFace).not.toHaveAttribute('data-mic')
  // A later change by Cy, once it shows, proves everything Bob's mute caused has arrived too.
  await cy.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Mute' }).click()
  await expect(kitchen.getByRole('button', { name: 'Cy Young', exact: true })).not.toHaveAttribute('data-mic')

  const touched = await ada.evaluate(() => (window as unknown as { __touched: string[] }).__touched)
  expect(touched.length).toBeGreaterThan(0)
  expect([...new Set(touched)].sort()).toEqual(['face:bob', 'face:cy'])
  expect(touched.indexOf('face:cy')).toBeGreaterThan(touched.lastIndexOf('face:bob'))
})

test('a large Offline list draws 48 faces, and Show all draws every one of them', async ({ hallway }) => {
  await hallwayCli('seed', '--data', hallway.dataDir, '--team', hallway.teamId, '--members', '100', '--rooms', '1')
  const ada = await hallway.open('ada', 'Ada Lovelace')
  const offline = ada.getByRole('complementary', { name: 'Offline' })
  // The seeded members reach the office: 100 offline (Ada herself is online).
  await expect(offline.getByRole('heading', { name: /Offline/ })).toContainText('100')
  await expect(offline.getByRole('img')).toHaveCount(48)
  await offline.getByRole('button', { name: 'Show all 100 (52 more)' }).click()
  await expect(offline.getByRole('img')).toHaveCount(100)
  await expect(offline.getByRole('button', { name: /Show all/ })).toHaveCount(0)
})
