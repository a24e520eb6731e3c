// electron-builder afterPack hook: flips the Electron fuses of release packages (ARCHITECTURE.md,
// "Electron hardening"). An unpacked `--dir` build is left as is: Playwright's _electron.launch
// needs EnableNodeCliInspectArguments, so test builds must never be fused.

function releaseFuses({ FuseV1Options }) {
  return {
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableCookieEncryption]: true,
  }
}

function electronBinaryPath(path, context) {
  const { appOutDir, electronPlatformName, packager } = context
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`)
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`)
    default:
      return path.join(appOutDir, packager.executableName)
  }
}

exports.default = async function afterPack(context) {
  if (context.targets.every((target) => target.name === 'dir')) {
    console.log('after-pack: unpacked test build, fuses left as shipped')
    return
  }
  const path = await import('node:path')
  const fuses = await import('@electron/fuses')
  const binary = electronBinaryPath(path, context)
  await fuses.flipFuses(binary, {
    version: fuses.FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature of Apple Silicon builds; signing comes after.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas',
    ...releaseFuses(fuses),
  })
  console.log(`after-pack: fuses flipped on ${binary}`)
}
