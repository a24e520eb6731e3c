/** Page → photo worker: the picked file, as the browser gave it. */
export interface PhotoResizeRequest {
  file: Blob
  /** The square edge to draw, in pixels (an atlas cell). */
  size: number
}

/** Photo worker → page: the WebP to upload, or a sentence saying why there is none. */
export type PhotoResizeResult = { ok: true; photo: Blob } | { ok: false; error: string }
