// A message written offline says it is not sent yet until the server has it (issue "A person's first day", item 10).
import { expect, test } from './fixtures'
import { retryIfOffered } from './reconnect'

test.use({ ownServer: true })

test('a message written while the server is down is marked not sent, then sent once the server has it, and the other member receives it', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  await bob.setViewportSize({ width: 1440, height: 900 })
  for (const page of [ada, bob]) await page.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Discussion' }).click()
  const adaPanel = ada.getByRole('complementary', { name: 'Kitchen discussion' })
  const bobPanel = bob.getByRole('complementary', { name: 'Kitchen discussion' })
  const composer = adaPanel.getByRole('textbox', { name: 'Message Kitchen' })

  await composer.fill('Lunch at noon?')
  await composer.press('Enter')
  await expect(bobPanel.getByRole('listitem').filter({ hasText: 'Lunch at noon?' })).toBeVisible()
  const online = adaPanel.getByRole('listitem').filter({ hasText: 'Lunch at noon?' })
  await expect(online).not.toContainText('Sending…')
  await expect(online).not.toContainText('Not sent yet')

  await hallway.killServer()
  await expect(ada.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible()
  await composer.fill('Running late, start without me')
  await composer.press('Enter')
  const written = adaPanel.getByRole('listitem').filter({ hasText: 'Running late, start without me' })
  await expect(written).toContainText('Not sent yet — will send when you’re back online')
  await ada.screenshot({ path: test.info().outputPath('message-not-sent.png') })
  await ada.setViewportSize({ width: 800, height: 600 })
  await ada.screenshot({ path: test.info().outputPath('message-not-sent-800x600.png') })
  // At 800×600 the discussion drawer covers the connection badge (issue 11, item 4).
  await ada.setViewportSize({ width: 1280, height: 720 })

  await hallway.restartServer()
  for (const page of [ada, bob]) await page.evaluate(retryIfOffered)
  // A page whose own backoff reconnected first has no Retry now; its discussion then follows
  // within one backoff window (at most defaultBackoff.capMs, 8 s).
  const reconnect = { timeout: 12_000 }
  await expect(bobPanel.getByRole('listitem').filter({ hasText: 'Running late, start without me' })).toContainText('Ada Lovelace', reconnect)
  await expect(written).not.toContainText('Not sent yet', reconnect)
  await expect(written).not.toContainText('Sending…')
  await bob.screenshot({ path: test.info().outputPath('message-received-1440x900.png') })
  await ada.screenshot({ path: test.info().outputPath('message-sent.png') })
})
