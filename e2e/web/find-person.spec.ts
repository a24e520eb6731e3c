import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

const results = (page: Page) => page.getByRole('dialog', { name: 'Find a person' }).getByRole('option')

test('Control+K, part of a name, arrow down, Enter: Ada walks into Sam’s room, the focus on its Leave', async ({ hallway }) => {
  const [ada, sam] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('sam', 'Sam Okafor'), hallway.open('berg', 'Sam Berg')])
  await sam.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join' }).click()
  await expect(ada.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Sam Okafor' })).toBeVisible()
  await expect(ada.getByRole('complementary', { name: 'Hallway' }).getByRole('img', { name: 'Sam Berg' })).toBeVisible()

  await ada.keyboard.press('Control+K')
  const search = ada.getByRole('dialog', { name: 'Find a person' }).getByRole('combobox', { name: 'Name or title' })
  await expect(search).toBeFocused()
  await search.pressSequentially('sam')
  await expect(results(ada)).toHaveCount(2)
  await expect(results(ada).nth(0)).toContainText('Sam Berg')
  await expect(results(ada).nth(0)).toContainText('In the hallway')
  await expect(results(ada).nth(1)).toContainText('Sam Okafor')
  await expect(results(ada).nth(1)).toContainText('In Kitchen')
  await expect(results(ada).nth(0)).toHaveAttribute('aria-selected', 'true')

  await search.press('ArrowDown')
  const samOption = results(ada).filter({ hasText: 'Sam Okafor' })
  await expect(samOption).toHaveAttribute('aria-selected', 'true')
  await expect(search).toHaveAttribute('aria-activedescendant', (await samOption.getAttribute('id'))!)
  await search.press('Enter')

  await expect(ada.getByRole('dialog', { name: 'Find a person' })).toHaveCount(0)
  const kitchen = ada.getByRole('region', { name: 'Kitchen' })
  await expect(kitchen.getByRole('button', { name: 'Leave' })).toBeVisible()
  // As after Join: a keyboard user goes on from the room's controls, not from the page's start.
  await expect(kitchen.getByRole('button', { name: 'Leave Kitchen' })).toBeFocused()
  await expect(kitchen.getByRole('img', { name: 'Ada Lovelace' })).toBeVisible()
  await expect(sam.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Ada Lovelace' })).toBeVisible()
})

test('finding someone behind a closed door knocks, and they can let you in', async ({ hallway }) => {
  const [ada, sam] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('sam', 'Sam Okafor'), hallway.open('bob', 'Bob Kahn')])
  const samKitchen = sam.getByRole('region', { name: 'Kitchen' })
  await samKitchen.getByRole('button', { name: 'Join' }).click()
  await samKitchen.getByRole('button', { name: 'Close door' }).click()
  const adaKitchen = ada.getByRole('region', { name: 'Kitchen' })
  await expect(adaKitchen.getByRole('button', { name: 'Knock' })).toBeVisible()

  // The shortcut works with the focus in a text field too.
  await adaKitchen.getByRole('button', { name: 'Discussion' }).click()
  const composer = ada.getByRole('textbox', { name: 'Message Kitchen' })
  await composer.click()
  await expect(composer).toBeFocused()
  await ada.keyboard.press('Control+K')
  const search = ada.getByRole('dialog', { name: 'Find a person' }).getByRole('combobox', { name: 'Name or title' })
  await search.pressSequentially('okfr')
  await expect(results(ada)).toHaveCount(1)
  await expect(results(ada)).toContainText('Sam Okafor')
  await search.press('Enter')

  await expect(adaKitchen.getByText('Knocking…')).toBeVisible()
  await expect(adaKitchen.getByRole('button', { name: 'Leave' })).toHaveCount(0)
  await expect(samKitchen.getByText('Ada Lovelace is knocking')).toBeVisible()
  await samKitchen.getByRole('button', { name: 'Let in' }).click()
  await expect(adaKitchen.getByRole('button', { name: 'Leave' })).toBeVisible()
})

test('someone in the hallway gets their member card, and from a room it invites them here; someone offline gets a card without it', async ({ hallway }) => {
  const [ada, bob, sam] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn'), hallway.open('sam', 'Sam Okafor')])
  await bob.getByRole('button', { name: 'Edit profile' }).click()
  const profile = bob.getByRole('dialog', { name: 'Edit profile' })
  await profile.getByRole('textbox', { name: 'Title' }).fill('Network engineer')
  await profile.getByRole('button', { name: 'Save' }).click()
  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join' }).click()
  await expect(ada.getByRole('complementary', { name: 'Hallway' }).getByRole('img', { name: 'Bob Kahn' })).toHaveAccessibleDescription(/Network engineer/)

  // Escape closes the search; the header button opens it again.
  await ada.keyboard.press('Control+K')
  await expect(ada.getByRole('dialog', { name: 'Find a person' })).toBeVisible()
  await ada.keyboard.press('Escape')
  await expect(ada.getByRole('dialog', { name: 'Find a person' })).toHaveCount(0)
  await ada.getByRole('button', { name: 'Find a person' }).click()
  const search = ada.getByRole('dialog', { name: 'Find a person' }).getByRole('combobox', { name: 'Name or title' })
  // A title finds them as well as a name.
  await search.pressSequentially('netw')
  await expect(results(ada)).toHaveCount(1)
  await expect(results(ada)).toContainText('Bob Kahn')
  await search.press('Enter')

  const card = ada.getByRole('dialog', { name: 'Bob Kahn' })
  await expect(card).toContainText('Network engineer')
  await expect(card).toContainText('In the hallway')
  await expect(card.getByRole('button', { name: /^Go to|^Knock on/ })).toHaveCount(0)
  await card.getByRole('button', { name: 'Invite here' }).click()
  await expect(card).toHaveCount(0)
  await expect(ada.getByRole('group', { name: 'Invited — waiting for Bob Kahn' })).toBeVisible()
  await expect(bob.getByRole('group', { name: 'Ada Lovelace invites you to Kitchen' })).toBeVisible()

  await sam.context().close()
  await expect(ada.getByRole('complementary', { name: 'Offline' }).getByRole('img', { name: 'Sam Okafor' })).toBeVisible()
  await ada.keyboard.press('Control+K')
  await search.pressSequentially('okafor')
  await expect(results(ada)).toContainText('Offline')
  await search.press('Enter')
  const offlineCard = ada.getByRole('dialog', { name: 'Sam Okafor' })
  await expect(offlineCard).toContainText('Offline')
  await expect(offlineCard.getByRole('button', { name: 'Close' })).toBeVisible()
  await expect(offlineCard.getByRole('button', { name: 'Invite here' })).toHaveCount(0)
  await offlineCard.getByRole('button', { name: 'Close' }).click()
  await expect(offlineCard).toHaveCount(0)
})
