import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPostgres, type TestPostgres } from '../testing/services'
import { inTransaction } from './postgres-transaction'

let postgres: TestPostgres
let pool: pg.Pool
beforeAll(async () => {
  postgres = await startPostgres()
  pool = new pg.Pool({ connectionString: await postgres.createDatabase(), max: 2 })
  await pool.query('CREATE TABLE notes (text TEXT NOT NULL)')
})
afterAll(async () => {
  await pool?.end()
  await postgres?.stop()
})

const notes = async () => (await pool.query<{ text: string }>('SELECT text FROM notes ORDER BY text')).rows.map((row) => row.text)
const everyClientBack = () => pool.totalCount > 0 && pool.idleCount === pool.totalCount

describe('a Postgres transaction', () => {
  it('commits what the work wrote and hands back its result and the client', async () => {
    const result = await inTransaction(pool, async (client) => {
      await client.query("INSERT INTO notes (text) VALUES ('a'), ('b')")
      return 'written'
    })
    expect(result).toBe('written')
    expect(await notes()).toEqual(['a', 'b'])
    expect(everyClientBack()).toBe(true)
  })

  it('rolls back everything the work wrote when it throws, rethrows its error, and hands back the client', async () => {
    const failure = new Error('the work failed half-way')
    await expect(
      inTransaction(pool, async (client) => {
        await client.query("INSERT INTO notes (text) VALUES ('half-done')")
        throw failure
      }),
    ).rejects.toBe(failure)
    expect(await notes()).toEqual(['a', 'b'])
    expect(everyClientBack()).toBe(true)
  })

  it('rolls back a statement Postgres refused, with Postgres\'s error', async () => {
    await expect(
      inTransaction(pool, async (client) => {
        await client.query("INSERT INTO notes (text) VALUES ('before the refusal')")
        await client.query('INSERT INTO notes (text) VALUES (NULL)')
      }),
    ).rejects.toThrow(/null value in column "text"/)
    expect(await notes()).toEqual(['a', 'b'])
    expect(everyClientBack()).toBe(true)
  })
})
