/** IPC channel names between the preload and main. Payload checks live where each is received. */
export const IpcChannel = {
  /** renderer → main, no arguments: "send me a core port". */
  requestCorePort: 'hallway:request-core-port',
  /** main → renderer, one MessagePort and no data. */
  corePort: 'hallway:core-port',
} as const
