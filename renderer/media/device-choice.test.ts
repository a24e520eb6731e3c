import { describe, expect, it } from 'vitest'
import { planDevice, type DeviceOption } from './device-choice'

const mics: DeviceOption[] = [
  { deviceId: 'default', label: 'Default - Built-in Microphone' },
  { deviceId: 'builtin', label: 'Built-in Microphone' },
  { deviceId: 'usb', label: 'USB Headset' },
]
const usb = { deviceId: 'usb', label: 'USB Headset' }

describe('choosing a call device', () => {
  it('uses the chosen device while it is plugged in, and the default without a choice', () => {
    expect(planDevice('audioinput', mics, usb, 'default')).toEqual({ use: 'usb', missing: false, notice: null })
    expect(planDevice('audioinput', mics, usb, 'usb')).toEqual({ use: null, missing: false, notice: null })
    expect(planDevice('audioinput', mics, null, undefined)).toEqual({ use: null, missing: false, notice: null })
    expect(planDevice('audioinput', mics, null, 'default')).toEqual({ use: null, missing: false, notice: null })
    expect(planDevice('audioinput', mics, null, 'builtin')).toEqual({ use: 'default', missing: false, notice: null })
  })

  it('falls back to the default when the chosen device is unplugged, says so once, and returns to it when it is back', () => {
    const unplugged = mics.filter((mic) => mic.deviceId !== 'usb')
    const fallback = planDevice('audioinput', unplugged, usb, 'usb')
    expect(fallback).toEqual({
      use: 'default',
      missing: true,
      notice: 'Your microphone “USB Headset” is gone: using Default - Built-in Microphone until you plug it back in or pick another.',
    })
    expect(planDevice('audioinput', unplugged, usb, 'default', true)).toEqual({ use: null, missing: true, notice: null })
    expect(planDevice('audioinput', mics, usb, 'default', true)).toEqual({ use: 'usb', missing: false, notice: null })
  })

  it('still says so when LiveKit already moved the ended track to the default', () => {
    const unplugged = mics.filter((mic) => mic.deviceId !== 'usb')
    expect(planDevice('audioinput', unplugged, usb, 'default')).toMatchObject({ use: null, missing: true, notice: expect.stringMatching(/USB Headset/) })
  })

  it('has cameras fall back to the first one, since they list no default', () => {
    const cameras = [{ deviceId: 'cam-a', label: 'FaceTime HD' }]
    const plan = planDevice('videoinput', cameras, { deviceId: 'cam-b', label: 'Logitech' }, 'cam-b')
    expect(plan).toEqual({ use: 'cam-a', missing: true, notice: 'Your camera “Logitech” is gone: using FaceTime HD until you plug it back in or pick another.' })
  })

  it('decides nothing without devices or before the browser grants media (empty ids)', () => {
    expect(planDevice('audiooutput', [], usb, 'usb')).toEqual({ use: null, missing: false, notice: null })
    expect(planDevice('audioinput', [{ deviceId: '', label: '' }], usb, undefined)).toEqual({ use: null, missing: false, notice: null })
  })
})
