/** The desktop's global mute shortcut (an Electron accelerator), shown in the office's Settings. */
export const MUTE_SHORTCUT = 'CommandOrControl+Shift+M'
