/** IPC channel names between the preload and main. Payload checks live where each is received. */
export const IpcChannel = {
  /** renderer → main, no arguments: "send me a core port". */
  requestCorePort: 'hallway:request-core-port',
  /** main → renderer, one MessagePort and no data. */
  corePort: 'hallway:core-port',
  /** media host → main (invoke), no arguments: answered with a MediaConfig, to the media host only. */
  mediaConfig: 'hallway:media-config',
  /** office → main (invoke), no arguments: answered with a StartAtLogin. */
  getStartAtLogin: 'hallway:get-start-at-login',
  /** office → main (invoke), one boolean: start Hallway when I log in, or not; answered with the new StartAtLogin. */
  setStartAtLogin: 'hallway:set-start-at-login',
  /** office → main, no arguments: "send me the update status now and after each change". */
  watchUpdates: 'hallway:watch-updates',
  /** main → office, one UpdateStatus (validate with updateStatusSchema). */
  updateStatus: 'hallway:update-status',
  /** office → main, no arguments: install the downloaded update (after the call, if in one). */
  restartToUpdate: 'hallway:restart-to-update',
  /** office → main, one UpdateChannel: follow that release channel from now on. */
  setUpdateChannel: 'hallway:set-update-channel',
  /** office → main, one NotificationChoices (validate with notificationChoicesSchema): this device's notification switches. */
  setNotificationChoices: 'hallway:set-notification-choices',
  /** office → main (invoke), one Uint8Array (a prepared WebP, at most 64 KB): answered with an AvatarUploadAnswer. */
  uploadAvatarPhoto: 'hallway:upload-avatar-photo',
  /** office → main (invoke), no arguments: answered with a MuteShortcutState. */
  getMuteShortcut: 'hallway:get-mute-shortcut',
  /** office → main (invoke), one accelerator (muteShortcutProblem null): mute with it from now on; answered with a MuteShortcutState. */
  setMuteShortcut: 'hallway:set-mute-shortcut',
  /** office → main (invoke), no arguments: answered with an OfficeOwner (whose office this app shows). */
  officeOwner: 'hallway:office-owner',
} as const
