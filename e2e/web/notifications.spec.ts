// System notifications on the web (issue 12): knocks and invitations reach the browser's
// Notification API, only the kinds Settings leaves on, and permission is asked from a click.
import { expect, test } from './fixtures'
import { recordNotifications } from './record-notifications'


test('a knock and an invitation notify through the browser, and a kind switched off in Settings does not', async ({ hallway }) => {
  const [ada, bob, cy] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn'), hallway.open('cy', 'Cy Young')])
  await ada.getByRole('button', { name: 'Settings' }).click()
  const settings = ada.getByRole('dialog', { name: 'Settings' })
  await expect(settings.getByRole('button', { name: 'Allow notifications' })).toBeVisible()
  await ada.context().grantPermissions(['notifications'])
  await settings.getByRole('button', { name: 'Allow notifications' }).click()
  await expect(settings.getByText('This browser shows Hallway’s notifications.')).toBeVisible()
  await settings.getByRole('switch', { name: 'Knocks' }).uncheck()
  await settings.getByRole('button', { name: 'Done' }).click()
  const shown = await recordNotifications(ada)

  await ada.getByRole('region', { name: 'Focus Room' }).getByRole('button', { name: 'Join' }).click()
  await bob.getByRole('region', { name: 'Focus Room' }).getByRole('button', { name: 'Knock' }).click()
  const adaFocus = ada.getByRole('region', { name: 'Focus Room' })
  await expect(adaFocus.getByText('Bob Kahn is knocking')).toBeVisible()
  await adaFocus.getByRole('button', { name: 'Not now' }).click()

  await ada.getByRole('button', { name: 'Settings' }).click()
  await settings.getByRole('switch', { name: 'Knocks' }).check()
  await settings.getByRole('button', { name: 'Done' }).click()
  await cy.getByRole('region', { name: 'Focus Room' }).getByRole('button', { name: 'Knock' }).click()
  await expect.poll(shown).toEqual(['Cy Young is knocking — Let them into Focus Room?'])

  await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join' }).click()
  await bob.getByRole('region', { name: 'Focus Room' }).getByRole('button', { name: 'Ada Lovelace', exact: true }).click()
  await bob.getByRole('dialog', { name: 'Ada Lovelace' }).getByRole('button', { name: 'Invite here' }).click()
  // Bob's knock, seen on the page before Cy's, never notified while knocks were off.
  await expect.poll(shown).toEqual(['Cy Young is knocking — Let them into Focus Room?', 'Bob Kahn invites you — Join them in Kitchen?'])
})
