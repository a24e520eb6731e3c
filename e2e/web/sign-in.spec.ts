import { DEFAULT_ROOMS } from '../../shared/model/starter-rooms'
import { expect, test } from './fixtures'

test('without a token the client asks for one, explains a bad one, and signs in with a good one', async ({ hallway }) => {
  const page = await hallway.visit({ server: hallway.serverUrl })
  await expect(page.getByRole('heading', { name: 'Sign in to Hallway' })).toBeVisible()
  await expect(page.getByLabel('Server')).toHaveValue(hallway.serverUrl)

  await page.getByLabel('Sign-in token').fill('not a token')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toContainText('not a Hallway sign-in token')

  await page.getByLabel('Sign-in token').fill(await hallway.token('ada', 'Ada Lovelace'))
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('region', { name: DEFAULT_ROOMS[0]!.name })).toBeVisible()
  await expect(page.getByRole('status')).toHaveText('Online')
})

test('a token the server refuses shows why, with a way to sign in again', async ({ hallway }) => {
  const token = await hallway.token('ada', 'Ada Lovelace')
  // Same claims, broken signature: only the server can tell.
  const [header, payload, signature] = token.split('.')
  const forged = `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`
  const page = await hallway.visit({ server: hallway.serverUrl, team: hallway.teamId, token: forged })

  await expect(page.getByRole('status')).toContainText('Signed out — Your sign-in is missing or has expired.')
  await page.getByRole('button', { name: 'Sign in again' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in to Hallway' })).toBeVisible()
})
