// A throwaway home for one code-server + Chromium session: HOME, XDG dirs, TMPDIR, user data, extensions and workspace.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_THEME = 'Default Dark Modern';

/**
 * Both code-server and Chromium write into $HOME and leave sockets in /tmp; a sandbox keeps a
 * test run from touching (or being influenced by) the user's own VS Code set-up.
 * It lives in the system temp dir, not in the repo, because unix socket paths are limited to 108 bytes.
 */
export function createSandbox({ theme = DEFAULT_THEME, workspace, extraSettings = {} } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'flamelens-host-'));
  const dirs = {
    root,
    home: join(root, 'home'),
    tmp: join(root, 'tmp'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    workspace: join(root, 'workspace'),
    /** Where the runner and the host tests exchange page requests (see page-requests.mjs). */
    requests: join(root, 'requests'),
    /** The extension under development as the window sees it (see stageExtension), or an empty stand-in. */
    extension: join(root, 'extension'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  for (const xdg of ['.config', '.cache', '.local/share', '.local/state']) mkdirSync(join(dirs.home, xdg), { recursive: true });

  if (workspace) cpSync(workspace, dirs.workspace, { recursive: true });

  // Pinned look and no start-up noise, so screenshots are stable from run to run.
  const settings = {
    'workbench.colorTheme': theme,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.commandCenter.enabled': false,
    'git.enabled': false,
    ...extraSettings,
  };
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const env = {
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
    XDG_DATA_HOME: join(dirs.home, '.local/share'),
    XDG_STATE_HOME: join(dirs.home, '.local/state'),
    XDG_RUNTIME_DIR: dirs.tmp,
    TMPDIR: dirs.tmp,
  };

  return {
    dirs,
    env,
    /**
     * Makes `dirs.extension` show the extension folder `source` without its node_modules (links to each other entry).
     *
     * Pointing the window at the repo itself would do the wrong thing: the workbench gives an extension under
     * development the first color theme found inside its folder, and code-server's built-in themes live in
     * <repo>/node_modules/code-server, so every session would come up in "Default Light Modern" whatever the
     * settings say. Leaving node_modules out also keeps the run close to the .vsix, which has none.
     */
    stageExtension(source) {
      for (const entry of readdirSync(source)) {
        if (entry === 'node_modules') continue;
        // The bundles are copied, not linked: Node requires a linked file by its real path, and VS Code
        // attributes API calls to the extension whose folder holds the caller's file ("Null Extension" otherwise).
        if (entry === 'dist' || entry === 'package.json') cpSync(join(source, entry), join(dirs.extension, entry), { recursive: true });
        else symlinkSync(join(source, entry), join(dirs.extension, entry));
      }
      return dirs.extension;
    },
    remove() {
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
