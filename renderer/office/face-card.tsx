import { Show, createContext, createSignal, useContext, type JSX } from 'solid-js'
import { MemberCard } from './MemberCard'
import { useOffice } from './office-context'

const FaceCardContext = createContext<(memberId: string) => void>()

/** Shows the member card of whichever face was pressed (knock, go to their room, invite here). */
export function FaceCardHost(props: { children: JSX.Element }) {
  const office = useOffice()
  const [shown, setShown] = createSignal<string | null>(null)
  const member = () => {
    const id = shown()
    return id === null ? undefined : office.view().members[id]
  }
  return (
    <FaceCardContext.Provider value={setShown}>
      {props.children}
      <Show when={member()}>{(m) => <MemberCard member={m()} onClose={() => setShown(null)} />}</Show>
    </FaceCardContext.Provider>
  )
}

export function useFaceCard(): (memberId: string) => void {
  const open = useContext(FaceCardContext)
  if (!open) throw new Error('useFaceCard() outside FaceCardHost.')
  return open
}
