import type { Page } from '@playwright/test'

/** A 480×320 PNG drawn in a page (a real photo-sized picture for a file input to take). */
export async function drawPhoto(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas')
    canvas.width = 480
    canvas.height = 320
    const context = canvas.getContext('2d')!
    const gradient = context.createLinearGradient(0, 0, 480, 320)
    gradient.addColorStop(0, '#e07a5f')
    gradient.addColorStop(1, '#3d405b')
    context.fillStyle = gradient
    context.fillRect(0, 0, 480, 320)
    context.fillStyle = '#f2cc8f'
    context.beginPath()
    context.arc(240, 160, 90, 0, Math.PI * 2)
    context.fill()
    return canvas.toDataURL('image/png')
  })
  return Buffer.from(dataUrl.split(',')[1]!, 'base64')
}
