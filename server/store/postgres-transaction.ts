import type pg from 'pg'

/**
 * Runs `work` in one transaction on a client of its own: commits what it returns, rolls back what
 * it throws (the error is the caller's to see, not a failed rollback's), and always gives the
 * client back to the pool.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
