/**
 * The English message catalogue: the reference every other language must match key for key.
 *
 * Keys are dotted paths grouped by screen. Placeholders are written {name}. A message that
 * depends on a count has one key per plural category (`.one`, `.other`), chosen with
 * Intl.PluralRules for the active language.
 */
export const en = {
  'app.name': 'Briefing Desk',
  'app.loading': 'Opening your library…',

  'library.heading': 'Library',
  'library.listLabel': 'Articles in the library',
  'library.count.one': '{count} article',
  'library.count.other': '{count} articles',
  'library.empty.title': 'Your library is empty',
  'library.empty.body': 'Articles you import will appear here, ready to read, highlight and cite.',
  'library.error.title': 'The library could not be opened',
  'library.retry': 'Try again',
  'library.untitled': 'Untitled article',

  'reader.empty.title': 'No article open',
  'reader.empty.body': 'Choose an article from the library to read it here.',
  'reader.loading': 'Opening the article…',
  'reader.error.title': 'This article could not be opened',
  'reader.retry': 'Try again',
  'reader.source': 'Source',
  'reader.published': 'Published',
  'reader.language': 'Language',
  'reader.undated': 'Undated',
  'reader.unknownSource': 'Unknown source',
  'reader.articleLabel': 'Article text',

  'side.label': 'Highlights and briefs',
  'side.tab.annotations': 'Highlights',
  'side.tab.briefs': 'Briefs',
  'side.annotations.empty.title': 'No highlights yet',
  'side.annotations.empty.body':
    'Select a passage in the article to highlight it, add a note or tag it by theme.',
  'side.annotations.noArticle': 'Open an article to see its highlights.',
  'side.briefs.empty.title': 'No briefs yet',
  'side.briefs.empty.body': 'Briefs you compose from tagged passages will be listed here.',

  'settings.language': 'Language',
  'settings.language.en': 'English',
  'settings.language.vi': 'Tiếng Việt',

  'language.vi': 'Vietnamese',
  'language.en': 'English',
  'language.es': 'Spanish',
  'language.und': 'Unknown',

  'menu.file': 'File',
  'menu.edit': 'Edit',
  'menu.view': 'View',
  'menu.window': 'Window',
  'menu.help': 'Help',
  'menu.undo': 'Undo',
  'menu.redo': 'Redo',
  'menu.cut': 'Cut',
  'menu.copy': 'Copy',
  'menu.paste': 'Paste',
  'menu.selectAll': 'Select All',
  'menu.reload': 'Reload',
  'menu.toggleDevTools': 'Toggle Developer Tools',
  'menu.resetZoom': 'Actual Size',
  'menu.zoomIn': 'Zoom In',
  'menu.zoomOut': 'Zoom Out',
  'menu.toggleFullScreen': 'Toggle Full Screen',
  'menu.minimize': 'Minimize',
  'menu.zoom': 'Zoom',
  'menu.close': 'Close Window',
  'menu.quit': 'Quit Briefing Desk',
  'menu.about': 'About Briefing Desk',
  'menu.hide': 'Hide Briefing Desk',
  'menu.hideOthers': 'Hide Others',
  'menu.showAll': 'Show All',
  'menu.front': 'Bring All to Front',

  'dialog.externalLink.title': 'Open link in your browser?',
  'dialog.externalLink.message': 'Briefing Desk is about to open this address outside the app:',
  'dialog.externalLink.open': 'Open in Browser',
  'dialog.externalLink.cancel': 'Cancel',
  'dialog.about.detail': 'Version {version}\nAn offline desk for preparing meeting briefs.',
  'dialog.ok': 'OK',

  'error.api.unknownMethod': 'Unknown request “{method}”.',
  'error.api.invalidInput': 'The request “{method}” was refused: {reason}',
  'error.api.untrustedSender': 'A request from an untrusted page was refused.',
  'error.article.notFound': 'No article has the id “{id}”.',
  'error.library.unreadable': 'The library file {file} could not be read: {reason}',
  'error.library.invalid': 'The library file {file} is not valid: {reason}',
  'error.library.writeFailed': 'The library could not be saved to {file}: {reason}',
  'error.samples.unreadable': 'The sample article {file} could not be read: {reason}',
  'error.internal': 'Something went wrong: {reason}',

  'start.browserFallback':
    'The Electron binary is not available (it is downloaded on first start, which needs internet). Opening Briefing Desk in Chromium instead.',
  'start.noDisplay': 'The Electron binary is not available and there is no display to open Chromium on.',

  'cli.usage':
    'Usage: briefing-desk [--data-dir DIR] COMMAND [ARGS] [--json]\n\nCommands:\n  list            list the articles in the library\n  show ID         show one article\n  help            show this help\n\nOptions:\n  --data-dir DIR  use the library in DIR (default: {defaultDir})\n  --json          print machine-readable JSON only',
  'cli.error.unknownCommand': 'unknown command “{command}” (try “help”)',
  'cli.error.missingCommand': 'no command given (try “help”)',
  'cli.error.badFlag': '{reason}',
  'cli.error.missingArgument': '{command}: missing argument {argument}',
  'cli.error.extraArgument': '{command}: unexpected argument “{argument}”',
  'cli.list.empty': 'The library is empty.',
  'cli.list.count.one': '{count} article',
  'cli.list.count.other': '{count} articles',
  'cli.show.source': 'Source',
  'cli.show.published': 'Published',
  'cli.show.language': 'Language',
  'cli.show.id': 'Id',
} as const

export type MessageKey = keyof typeof en
