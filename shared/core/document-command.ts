import type { CoreCommand } from '../contract/commands'

/** The commands that write the team document (the rest walk, talk or ask the server). */
const DOCUMENT_COMMAND_TYPES = [
  'createRoom',
  'renameRoom',
  'setRoomFloor',
  'renameFloor',
  'setDoor',
  'setRoomKind',
  'setCapacity',
  'reorderRooms',
  'deleteRoom',
  'updateProfile',
  'setStatus',
  'clearStatus',
] as const satisfies readonly CoreCommand['type'][]

export type DocumentCommand = Extract<CoreCommand, { type: (typeof DOCUMENT_COMMAND_TYPES)[number] }>

const documentTypes = new Set<string>(DOCUMENT_COMMAND_TYPES)

export function isDocumentCommand(command: CoreCommand): command is DocumentCommand {
  return documentTypes.has(command.type)
}
