/**
 * A file that electron-builder's asarUnpack keeps out of app.asar lives at the same relative path
 * in app.asar.unpacked beside it. Electron's own fs finds it through either path, but a worker
 * thread is started from the unpacked one, so that nothing it loads comes from inside the archive
 * (electron-builder.yml). Paths outside an archive (npm start, tests) are returned unchanged.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/])/u, '$1app.asar.unpacked')
}
