import { expect, test } from './fixtures'

test('without a LiveKit server, walking into a room says calls are unavailable and nothing else breaks', async ({ hallway }) => {
  const ada = await hallway.open('ada', 'Ada Lovelace')
  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join' }).click()
  await expect(ada.getByText('Calls are unavailable on this server — presence and chat still work.')).toBeVisible()
  expect(await ada.evaluate(() => window.__hallwayCall?.state().phase)).toBe('unavailable')
  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Leave' }).click()
  await expect(ada.getByText('Calls are unavailable on this server')).toHaveCount(0)
})
