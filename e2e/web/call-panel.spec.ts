// First-day defects, round 2 (issue 12): what a real-use pass with three members found, each
// checked as a member meets it, against a real server in Chromium. This file: the call panel (a call that
// fails, the device pickers).
import { seriousViolations } from './axe'
import { callPhase, openCallOffice } from './call-office'
import { expect, test } from './fixtures'
import { boxOf, inside, settle, shoot } from './layout'

test('a call that cannot reach the server says so in the call panel with what to do next, light and dark', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace')
  await ada.setViewportSize({ width: 1440, height: 900 })
  // The call-token request is dropped at the browser's edge (a simulated network failure).
  await ada.route('**/api/livekit/token', (route) => route.abort('internetdisconnected'))
  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join Kitchen' }).click()
  const call = ada.getByRole('group', { name: 'Call' })
  await expect(call.getByRole('alert')).toContainText('Call failed: Could not reach the server for the call.')
  await expect(call.getByRole('alert')).toContainText('Check your connection, then press Retry.')
  await expect(call.getByRole('button', { name: 'Retry' })).toBeVisible()
  for (const colorScheme of ['light', 'dark'] as const) {
    await ada.emulateMedia({ colorScheme })
    await settle(ada)
    expect(await seriousViolations(ada), `axe, ${colorScheme}`).toEqual([])
    await shoot(ada, `call-failed-${colorScheme}`)
  }
  // Retry asks again: with the network back (here, a server without calls) the panel moves on.
  await ada.unroute('**/api/livekit/token')
  await call.getByRole('button', { name: 'Retry' }).click()
  await expect(ada.getByText('Calls are unavailable on this server — presence and chat still work.')).toBeVisible()
})

test('the call panel lays its device pickers out with labels above full-width selects that end in an ellipsis, light and dark', async () => {
  test.setTimeout(120_000)
  const office = await openCallOffice([['ada', 'Ada Lovelace']])
  try {
    const ada = office.member('ada')
    await ada.setViewportSize({ width: 1440, height: 900 })
    await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join Kitchen' }).click()
    await expect.poll(() => callPhase(ada), { timeout: 15_000 }).toBe('connected')
    const call = ada.getByRole('group', { name: 'Call' })
    await expect(call.getByText('In Kitchen — connected')).toBeVisible()
    const microphone = call.getByRole('combobox', { name: 'Microphone' })
    await expect(microphone).toBeVisible()
    const [panel, label, select] = await Promise.all([boxOf(call), boxOf(call.getByText('Microphone', { exact: true })), boxOf(microphone)])
    expect(label.y + label.height, 'the label sits above its select').toBeLessThanOrEqual(select.y + 0.5)
    expect(inside(select, panel), 'the select is inside the panel').toBe(true)
    // The whole device name is in the select's title, however the select cuts it.
    const shown = await microphone.evaluate((element: HTMLSelectElement) => element.selectedOptions[0]?.textContent ?? '')
    await expect(microphone).toHaveAttribute('title', shown)
    for (const colorScheme of ['light', 'dark'] as const) {
      await ada.emulateMedia({ colorScheme })
      await settle(ada)
      expect(await seriousViolations(ada), `axe, ${colorScheme}`).toEqual([])
      await shoot(ada, `call-panel-${colorScheme}`)
    }
    expect(office.pageErrors).toEqual([])
  } finally {
    await office.close()
  }
})
