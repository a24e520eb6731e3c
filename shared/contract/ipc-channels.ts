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
} as const
