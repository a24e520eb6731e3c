import type { JSX } from 'solid-js'

/** Small line icons, drawn on a 16-unit grid; always decorative (the button carries the name). */
function Icon(props: { children: JSX.Element }) {
  return (
    <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">
      {props.children}
    </svg>
  )
}

export const MicIcon = () => (
  <Icon>
    <rect x="5.5" y="1.5" width="5" height="8" rx="2.5" />
    <path d="M3 7.5a5 5 0 0 0 10 0M8 12.5v2" />
  </Icon>
)

export const MicOffIcon = () => (
  <Icon>
    <path d="M10.5 6V4a2.5 2.5 0 0 0-5 0v3.5a2.5 2.5 0 0 0 3.6 2.2M3 7.5a5 5 0 0 0 8.2 3.8M13 7.5c0 .6-.1 1.1-.3 1.6M8 12.5v2M2 2l12 12" />
  </Icon>
)

/** A space bar key: push-to-talk. */
export const TalkKeyIcon = () => (
  <Icon>
    <rect x="1.5" y="4.5" width="13" height="7" rx="2" />
    <path d="M5 8.5h6" />
  </Icon>
)

export const CameraIcon = () => (
  <Icon>
    <rect x="1.5" y="4" width="9" height="8" rx="2" />
    <path d="M10.5 7l4-2.5v7l-4-2.5" />
  </Icon>
)

export const ScreenIcon = () => (
  <Icon>
    <rect x="1.5" y="2.5" width="13" height="9" rx="1.5" />
    <path d="M5.5 14.5h5M8 11.5v3M8 9V5M6 7l2-2 2 2" />
  </Icon>
)

export const ChatIcon = () => (
  <Icon>
    <path d="M2.5 3.5h11v7.5h-6l-3.5 3v-3h-1.5z" />
  </Icon>
)

export const DoorIcon = () => (
  <Icon>
    <path d="M3.5 14.5v-13h9v13M1.5 14.5h13M10 8.5v.5" />
  </Icon>
)

export const LockIcon = () => (
  <Icon>
    <rect x="3" y="7" width="10" height="7.5" rx="1.5" />
    <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
  </Icon>
)

export const MoreIcon = () => (
  <Icon>
    <path d="M3.5 8h.01M8 8h.01M12.5 8h.01" stroke-width="2.4" />
  </Icon>
)

export const PlusIcon = () => (
  <Icon>
    <path d="M8 3v10M3 8h10" />
  </Icon>
)

export const CloseIcon = () => (
  <Icon>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Icon>
)

export const PersonIcon = () => (
  <Icon>
    <circle cx="8" cy="5.5" r="2.75" />
    <path d="M2.75 14c.6-2.9 2.7-4.5 5.25-4.5s4.65 1.6 5.25 4.5" />
  </Icon>
)

export const SearchIcon = () => (
  <Icon>
    <circle cx="7" cy="7" r="4.5" />
    <path d="M10.5 10.5l3.5 3.5" />
  </Icon>
)

/** Three sliders: this device's settings. */
export const SettingsIcon = () => (
  <Icon>
    <path d="M2 4h12M2 8h12M2 12h12" />
    <circle cx="5" cy="4" r="1.5" fill="var(--card, Canvas)" />
    <circle cx="10.5" cy="8" r="1.5" fill="var(--card, Canvas)" />
    <circle cx="7" cy="12" r="1.5" fill="var(--card, Canvas)" />
  </Icon>
)
